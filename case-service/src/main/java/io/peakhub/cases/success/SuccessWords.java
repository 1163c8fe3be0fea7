package io.peakhub.cases.success;

import io.peakhub.platform.problem.InvalidInputException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words index the service keeps itself (the MongoDB stand-in has no text index): a record's
 * {@code words} hold every prefix of every word of its number, subject and descriptions,
 * lower-cased and without accents, and {@link SuccessSearchIndex} posts the record's number under
 * each; a search asks for records holding all of the query's words, so "onb work" finds "Onboarding
 * workshop". Activity (comments, internal notes) is never indexed, so no search finds a record by
 * what only agents can read.
 */
final class SuccessWords {

  static final int MAX_WORD = 20;
  static final int MAX_WORDS = 300;
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N} .,:;'\"#/&@()_-]*");
  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private SuccessWords() {}

  /** The index entries of these texts (nulls ignored). */
  static List<String> index(String... texts) {
    Set<String> words = new LinkedHashSet<>();
    for (String text : texts) {
      for (String word : words(text)) {
        if (words.size() >= MAX_WORDS * 4) {
          break;
        }
        for (int end = 1; end <= word.length(); end++) {
          words.add(word.substring(0, end));
        }
      }
    }
    return new ArrayList<>(words);
  }

  /**
   * The query's words, each as it is looked up; checked like the support case search (length,
   * characters), so no operator or regex ever reaches the store.
   */
  static List<String> query(String q, int maxLength) {
    if (q == null || q.isBlank()) {
      throw new InvalidInputException("q", "'q' must not be empty.");
    }
    String text = q.strip();
    if (text.length() > maxLength) {
      throw new InvalidInputException("q", "'q' must be at most " + maxLength + " characters.");
    }
    if (!ALLOWED.matcher(text).matches()) {
      throw new InvalidInputException(
          "q", "'q' may hold letters, digits, spaces and . , : ; ' \" # / & @ ( ) _ - only.");
    }
    List<String> words = new ArrayList<>(words(text));
    if (words.isEmpty()) {
      throw new InvalidInputException("q", "'q' must hold a letter or digit.");
    }
    return words.size() > 10 ? words.subList(0, 10) : words;
  }

  private static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text == null) {
      return out;
    }
    String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    for (String w : SPLIT.split(plain.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty() && out.size() < MAX_WORDS) {
        out.add(w.length() > MAX_WORD ? w.substring(0, MAX_WORD) : w);
      }
    }
    return out;
  }
}
