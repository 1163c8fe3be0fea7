package io.peakhub.billing.contact;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A postal and e-mail contact of an account (bill-to or sold-to). */
public record Contact(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Email @Size(max = 254) String email,
    @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*") String phone,
    @NotBlank @Size(max = 200) String line1,
    @Size(max = 200) String line2,
    @NotBlank @Size(max = 100) String city,
    @Size(max = 20) String postalCode,
    @Size(max = 100) String region,
    @NotBlank @Pattern(regexp = "[A-Z]{2}") String country) {}
