package dev.schemaguard.internal.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from every text Schema Guard prints: password-like URL parameters, the password
 * of a URL's user-info, and every secret value it was given (a password read from a file or from
 * the environment), wherever it appears, for example inside a driver's error message.
 */
public final class Redactor {
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:password|passwd|pwd|sslpassword|sslkey|token|access_token|secret|apikey|api_key)=)([^&;\\s\"]*)");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+:)([^@/\\s]+)(@)");
    private static final String MASK = "***";

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor that also masks the secrets embedded in the given JDBC URL and the given values. */
    public static Redactor forUrl(String jdbcUrl, Collection<String> moreSecrets) {
        List<String> secrets = new ArrayList<>();
        if (jdbcUrl != null) {
            collect(SECRET_PARAMETER.matcher(jdbcUrl), 2, secrets);
            collect(USER_INFO.matcher(jdbcUrl), 2, secrets);
        }
        for (String s : moreSecrets) {
            if (s != null && !s.isEmpty()) {
                secrets.add(s);
            }
        }
        // Longest first, so that a secret containing another is masked whole.
        secrets.sort((a, b) -> b.length() - a.length());
        return new Redactor(List.copyOf(secrets));
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = SECRET_PARAMETER.matcher(text).replaceAll("$1" + MASK);
        out = USER_INFO.matcher(out).replaceAll("$1" + MASK + "$3");
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    private static void collect(Matcher m, int group, List<String> into) {
        while (m.find()) {
            if (!m.group(group).isEmpty()) {
                into.add(m.group(group));
            }
        }
    }
}
