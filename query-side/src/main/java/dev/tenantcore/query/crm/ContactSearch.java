package dev.tenantcore.query.crm;

import dev.tenantcore.query.support.Sql;
import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the contacts' text search matches, and the index lookup that makes it fast under forced
 * row-level security.
 *
 * <p>Meaning: a contact matches when the query, lower-cased and without accents, occurs anywhere in
 * its name, company, e-mails or phones (lower-cased, without accents, joined by spaces), so
 * {@code "arcia"} finds "García" and {@code "seed7.example"} finds an address at that domain. A query
 * of phone characters only ({@code "+44 20 7946-0958"}) is matched by its digits, as phones are
 * stored in E.164 ({@code +442079460958}).
 *
 * <p>Speed: the policy's condition is the only one PostgreSQL applies before a non-leakproof one
 * such as LIKE, so LIKE alone reads every contact of the tenant. {@code contact_search_keys} (V31)
 * holds every suffix of every word of every contact; a query word of three characters or more is
 * the prefix of one of them exactly when it occurs inside that word, and a prefix is a btree range,
 * whose comparisons are leakproof and so an index condition. The query's rarest word (counted up to
 * {@link #CANDIDATES}) gives the candidates, and the LIKE checks only them. A query without such a
 * word, or whose every word is that common, is answered by the LIKE alone while walking the list's
 * order, which usually stops after a page because such a query matches many contacts (a phrase of
 * common words that no contact has, such as "ana smith company", reads all of them).
 */
final class ContactSearch {

    /**
     * More candidates than this, and walking the list in its order with the LIKE is cheaper: the
     * candidates are read by id, scattered, the walk reads rows in the order of an index and stops
     * after a page (bench/contacts.sh: a word in 2 % of 100 000 contacts took ~70 ms as 2 000
     * candidates, well under 10 ms as a walk).
     */
    static final int CANDIDATES = 1000;

    private static final Pattern PHONE_LIKE = Pattern.compile("^[+0-9 ().-]{4,}$");

    /*
     * The words' ranges are materialised so that the key conditions compare the key with plain
     * columns: an expression over the query with a non-leakproof function (||) inside the
     * condition would make the whole condition non-leakproof, and no index condition. Each word
     * reads at most CANDIDATES + 1 keys; the shortest list wins (none without a word of 3+).
     */
    static final String CANDIDATES_SQL = """
            WITH words AS MATERIALIZED (
                SELECT left(word, 16) AS lo, left(word, 16) || chr(1114111) AS hi
                  FROM regexp_split_to_table(contact_search_normal(?), '\\s+') AS word
                 WHERE length(word) >= 3),
            found AS (
                SELECT ARRAY(SELECT k.contact_id FROM contact_search_keys k
                              WHERE k.key >= words.lo AND k.key < words.hi LIMIT ?) AS ids
                  FROM words)
            SELECT contact_search_normal(?) AS pattern,
                   (SELECT ids FROM found ORDER BY cardinality(ids) LIMIT 1) AS candidates
            """;

    /**
     * The search for {@code query}: the LIKE pattern to check every contact against, and the ids of
     * the only contacts that can match (null when the search must check every contact).
     */
    record Terms(String pattern, List<UUID> candidates) {}

    private ContactSearch() {}

    static Terms of(JdbcTemplate jdbc, String query) {
        String text = query.strip();
        if (PHONE_LIKE.matcher(text).matches()) {
            text = text.replaceAll("[^0-9+]", "");
        }
        String words = text;
        return jdbc.queryForObject(
                CANDIDATES_SQL,
                (rs, row) -> {
                    Array found = rs.getArray("candidates");
                    if (found == null) {
                        return new Terms(rs.getString("pattern"), null);
                    }
                    UUID[] ids = (UUID[]) found.getArray();
                    found.free();
                    return new Terms(
                            rs.getString("pattern"),
                            ids.length <= CANDIDATES
                                    ? Arrays.stream(ids).distinct().toList()
                                    : null);
                },
                words,
                CANDIDATES + 1,
                Sql.containsPattern(text));
    }

    /** The candidates as a {@code uuid[]} literal, to bind as {@code CAST(? AS uuid[])}. */
    static String array(List<UUID> ids) {
        StringBuilder literal = new StringBuilder(ids.size() * 37 + 2).append('{');
        for (int i = 0; i < ids.size(); i++) {
            literal.append(i == 0 ? "" : ",").append(ids.get(i));
        }
        return literal.append('}').toString();
    }
}
