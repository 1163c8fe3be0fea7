package io.peakhub.billing.invoice;

import io.peakhub.billing.account.BillingAccount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Component;

/**
 * Renders an invoice as PDF (Apache PDFBox): the account, the lines, totals, balance and payment
 * status, with numbers, money and dates in the account's locale and currency.
 */
@Component
public class InvoicePdf {

  private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private static final float MARGIN = 50;
  private static final float[] COLUMNS = {MARGIN, 300, 360, 440, 510};

  public byte[] render(BillingAccount account, InvoiceView invoice, List<InvoiceLines.Line> lines) {
    Locale locale = Locale.forLanguageTag(account.locale());
    NumberFormat money = NumberFormat.getCurrencyInstance(locale);
    money.setCurrency(Currency.getInstance(invoice.currency()));
    money.setMinimumFractionDigits(
        Currency.getInstance(invoice.currency()).getDefaultFractionDigits());
    money.setMaximumFractionDigits(
        Currency.getInstance(invoice.currency()).getDefaultFractionDigits());
    NumberFormat number = NumberFormat.getNumberInstance(locale);
    number.setMaximumFractionDigits(4);
    DateTimeFormatter date =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);

    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      float y = page.getMediaBox().getHeight() - MARGIN;
      PDPageContentStream content = new PDPageContentStream(document, page);
      try {
        text(content, BOLD, 18, MARGIN, y, "Invoice " + invoice.number());
        y -= 28;
        text(content, BOLD, 11, MARGIN, y, account.name());
        text(content, REGULAR, 10, 330, y, "Invoice date: " + date.format(invoice.invoiceDate()));
        y -= 14;
        text(content, REGULAR, 10, MARGIN, y, "Account " + account.number());
        text(content, REGULAR, 10, 330, y, "Due date: " + date.format(invoice.dueDate()));
        y -= 14;
        text(content, REGULAR, 10, 330, y, "Status: " + statusText(invoice.status()));
        y -= 30;
        String[] headings = {"Description", "Quantity", "Unit price", "Tax", "Amount"};
        for (int i = 0; i < headings.length; i++) {
          text(content, BOLD, 10, COLUMNS[i], y, headings[i]);
        }
        y -= 16;
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (InvoiceLines.Line line : lines) {
          if (y < MARGIN + 120) {
            content.close();
            page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = page.getMediaBox().getHeight() - MARGIN;
          }
          text(content, REGULAR, 10, COLUMNS[0], y, clip(line.description(), 45));
          text(content, REGULAR, 10, COLUMNS[1], y, number.format(line.quantity()));
          text(content, REGULAR, 10, COLUMNS[2], y, money.format(line.unitPrice()));
          text(content, REGULAR, 10, COLUMNS[3], y, money.format(line.tax()));
          text(content, REGULAR, 10, COLUMNS[4], y, money.format(line.amount()));
          subtotal = subtotal.add(line.amount());
          tax = tax.add(line.tax());
          y -= 14;
        }
        y -= 16;
        text(content, REGULAR, 10, 380, y, "Subtotal: " + money.format(subtotal));
        y -= 14;
        text(content, REGULAR, 10, 380, y, "Tax: " + money.format(tax));
        y -= 14;
        text(content, BOLD, 11, 380, y, "Total: " + money.format(invoice.amount()));
        y -= 16;
        text(content, BOLD, 11, 380, y, "Balance due: " + money.format(invoice.balance()));
      } finally {
        content.close();
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("rendering invoice " + invoice.number() + " failed", e);
    }
  }

  private static String statusText(String status) {
    return switch (status) {
      case "paid" -> "Paid";
      case "partially_paid" -> "Partially paid";
      case "overdue" -> "Overdue";
      case "void" -> "Void";
      default -> "Open";
    };
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static void text(
      PDPageContentStream content, PDType1Font font, float size, float x, float y, String s)
      throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, y);
    content.showText(encodable(s));
    content.endText();
  }

  /**
   * The standard PDF fonts cover WinAnsi only: locale formats use a few characters outside it
   * (narrow and no-break spaces, full-width yen), which map to their plain forms here.
   */
  static String encodable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\u202F', '\u00A0', '\u2009' -> sb.append(' ');
        case '\uFFE5' -> sb.append('\u00A5');
        case '\u2212' -> sb.append('-');
        default ->
            sb.append(
                WIN_ANSI_EXTRA.indexOf(c) >= 0
                        || (c >= 0x20 && c <= 0x7E)
                        || (c >= 0xA0 && c <= 0xFF)
                    ? c
                    : '?');
      }
    }
    return sb.toString();
  }

  private static final String WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
}
