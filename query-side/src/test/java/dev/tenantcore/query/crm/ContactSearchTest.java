package dev.tenantcore.query.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.ContactCreatedEvent;
import dev.tenantcore.api.crm.ContactDeletedEvent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactPage;
import dev.tenantcore.api.crm.ContactResponse;
import dev.tenantcore.api.crm.ContactSort;
import dev.tenantcore.api.crm.ContactTaggedEvent;
import dev.tenantcore.api.crm.ContactUpdatedEvent;
import dev.tenantcore.api.crm.ListContactsQuery;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contacts' text search and sort orders on the real read table, under the runtime role and
 * row-level security: what matches and what does not, the index lookup that makes it fast, and
 * stable cursors. The contract's tests cover the search keys as well (redelivery, tenants, reset).
 */
@DisplayName("The contact search")
class ContactSearchTest extends ProjectionContract<ContactProjection> {

    private final ContactId jose = new ContactId(id());
    private final ContactId ana = new ContactId(id());
    private final ContactId zoe = new ContactId(id());
    private final ContactId marker = new ContactId(id());
    private final ContactId deleted = new ContactId(id());

    ContactSearchTest() {
        super(ContactProjection::new, "contacts", "contact_search_keys");
    }

    private static ContactCreatedEvent created(
            ContactId id, TenantId tenant, String name, String company, List<String> emails, List<String> phones) {
        return new ContactCreatedEvent(
                id, tenant, name, company, emails, phones, null, null, "lead", null, null, List.of(), List.of(),
                Map.of(), null, List.of());
    }

    private static ContactUpdatedEvent updated(ContactId id, String name, String company, List<String> emails) {
        return new ContactUpdatedEvent(
                id, name, company, emails, List.of(), null, null, "lead", null, null, List.of(), List.of(), Map.of(),
                null, List.of());
    }

    /** Created in this order, one second apart; Ana changes last, Zoe's tag leaves her text alone. */
    @Override
    protected History history(TenantId tenant) {
        String shop = tenant.equals(first) ? "Alpha" : "Omega";
        return new History(tenant)
                .of(
                        jose,
                        created(
                                jose,
                                tenant,
                                "José García",
                                "Blue Harbour Ltd",
                                List.of("jose.garcia@acme.example"),
                                List.of("+442079460958")))
                .of(ana, created(ana, tenant, "Ana Smith", "Acme Corp", List.of("ana@seed.example"), List.of()))
                .of(zoe, created(zoe, tenant, "Zoe Quartermaine", null, List.of("zq@other.example"), List.of()))
                .of(marker, created(marker, tenant, "Marker " + shop, null, List.of(), List.of()))
                .of(deleted, created(deleted, tenant, "Dora Deleted", null, List.of(), List.of()))
                .of(deleted, new ContactDeletedEvent(deleted))
                .of(ana, updated(ana, "Ana Smith", "Acme Industries", List.of("ana@seed.example")))
                .of(zoe, new ContactTaggedEvent(zoe, "vip"));
    }

    private static ListContactsQuery query(
            String text, ContactSort sort, boolean descending, int limit, String cursor) {
        return new ListContactsQuery(
                text, null, null, null, null, null, "active", null, null, null, null, sort, descending, limit, cursor);
    }

    private List<String> found(TenantId tenant, String text) {
        return ask(tenant, p -> p.handle(query(text, null, false, 100, null))).items().stream()
                .map(ContactResponse::name)
                .toList();
    }

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "arcia|José García",
                "jose garc|José García",
                "GARCÍA|José García",
                "Jösé|José García",
                "harbour|José García",
                "bour lt|José García",
                "acme.example|José García",
                "garcia@acme|José García",
                "+44 20 7946-0958|José García",
                "79460958|José García",
                "industries|Ana Smith",
                "seed.example|Ana Smith",
                "ana smith|Ana Smith",
                "quartermaine|Zoe Quartermaine",
                "ermai|Zoe Quartermaine",
                "alpha|Marker Alpha"
            })
    @DisplayName(
            "a query finds the contacts whose name, company, e-mail or phone contain it, whatever its case and accents")
    void matches(String text, String name) {
        assertThat(found(first, text)).containsExactly(name);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "corp", // Ana's company before her last change
                "deleted", // a deleted contact
                "omega", // the other tenant's contact
                "smith ana", // the words in another order
                "zzzz",
                "%",
                "a_a",
                "020 7946 0958" // a national number is not the E.164 one
            })
    @DisplayName("a query finds nothing where no current contact of the tenant contains it")
    void nonMatches(String text) {
        assertThat(found(first, text)).isEmpty();
    }

    @Test
    @DisplayName("a query of short words only is answered without the keys, with the same meaning")
    void shortWords() {
        assertThat(found(first, "an")).containsExactly("Ana Smith");
        assertThat(found(first, "zq")).containsExactly("Zoe Quartermaine");
        assertThat(ask(first, p -> ContactSearch.of(db.jdbc(), "an")).candidates())
                .isNull();
    }

    @Test
    @DisplayName("each tenant finds its own contacts only, and none without a tenant")
    void tenants() {
        assertThat(found(second, "omega")).containsExactly("Marker Omega");
        assertThat(found(second, "alpha")).isEmpty();
        assertThat(ask(first, p -> ContactSearch.of(db.jdbc(), "omega")).candidates())
                .isEmpty();
    }

    @Test
    @DisplayName("the keys follow every change: the rarest query word narrows the search to its contacts")
    void keysFollowChanges() {
        ContactSearch.Terms terms = ask(first, p -> ContactSearch.of(db.jdbc(), "acme industries"));
        assertThat(terms.candidates()).containsExactly(ana.value());
        assertThat(terms.pattern()).isEqualTo("%acme industries%");
        assertThat(rowsOf(first, "contact_search_keys"))
                .extracting(row -> row.get("contact_id"))
                .doesNotContain(deleted.value());
        assertThat(rowsOf(first, "contact_search_keys"))
                .filteredOn(row -> row.get("contact_id").equals(ana.value()))
                .extracting(row -> row.get("key"))
                .contains("industries", "dustries", "smith", "ith")
                .doesNotContain("corp");
    }

    /**
     * The plan depends on the planner's statistics, which autovacuum collects whenever it gets to the
     * table, so the test sets them itself: a tenant with many contacts' keys (made up, rolled back),
     * analysed. Without statistics the planner guesses, and its guess is no proof.
     */
    @Test
    @DisplayName("under row-level security, with a tenant's many keys analysed, the keys are found through their index")
    void indexServesTheKeys() {
        found(first, "arcia");
        List<String> plan = db.asOwnerRolledBack(first, owner -> {
            owner.update(
                    "INSERT INTO contact_search_keys (tenant_id, key, contact_id)"
                            + " SELECT ?, 'k' || md5(n::text), gen_random_uuid() FROM generate_series(1, 20000) n",
                    first.value());
            owner.execute("ANALYZE contact_search_keys");
            return owner.queryForList(
                    "EXPLAIN " + ContactSearch.CANDIDATES_SQL,
                    String.class,
                    "arcia",
                    ContactSearch.CANDIDATES + 1,
                    "%arcia%");
        });
        assertThat(String.join("\n", plan))
                .contains("contact_search_keys_pkey")
                .containsPattern("Index Cond: .*key >= ")
                .doesNotContain("Seq Scan on contact_search_keys");
    }

    private List<String> walk(ContactSort sort, boolean descending) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            ContactPage page = ask(first, p -> p.handle(query(null, sort, descending, 2, after)));
            page.items().forEach(c -> names.add(c.name()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return names;
    }

    @Test
    @DisplayName("pages sorted by creation, last change or name meet every contact once, in order")
    void sortOrders() {
        assertThat(walk(null, false)).containsExactly("José García", "Ana Smith", "Zoe Quartermaine", "Marker Alpha");
        assertThat(walk(ContactSort.CREATED_AT, true))
                .containsExactly("Marker Alpha", "Zoe Quartermaine", "Ana Smith", "José García");
        assertThat(walk(ContactSort.UPDATED_AT, false))
                .containsExactly("José García", "Marker Alpha", "Ana Smith", "Zoe Quartermaine");
        assertThat(walk(ContactSort.UPDATED_AT, true))
                .containsExactly("Zoe Quartermaine", "Ana Smith", "Marker Alpha", "José García");
        List<String> byName = walk(ContactSort.NAME, false);
        assertThat(byName).containsExactlyInAnyOrder("José García", "Ana Smith", "Zoe Quartermaine", "Marker Alpha");
        assertThat(byName.get(0)).isEqualTo("Ana Smith");
        assertThat(byName.get(3)).isEqualTo("Zoe Quartermaine");
        List<String> reversed = new ArrayList<>(byName);
        java.util.Collections.reverse(reversed);
        assertThat(walk(ContactSort.NAME, true)).containsExactlyElementsOf(reversed);
    }

    @Test
    @DisplayName("a cursor stays valid while contacts are added before it, and belongs to its sort")
    void cursors() {
        ContactPage first2 = ask(first, p -> p.handle(query(null, ContactSort.NAME, false, 2, null)));
        String cursor = first2.nextCursor();
        ContactProjection projection = projection();
        ContactId early = new ContactId(UUID.randomUUID());
        db.feed(
                projection,
                new History(first)
                        .of(early, created(early, first, "Aaron Early", null, List.of(), List.of()))
                        .events());

        ContactPage next = ask(first, p -> p.handle(query(null, ContactSort.NAME, false, 2, cursor)));

        assertThat(next.items()).extracting(ContactResponse::name).containsExactly("Marker Alpha", "Zoe Quartermaine");
        for (ContactSort other : List.of(ContactSort.UPDATED_AT, ContactSort.CREATED_AT)) {
            assertThatThrownBy(() -> ask(first, p -> p.handle(query(null, other, false, 2, cursor))))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
        assertThatThrownBy(() -> ask(first, p -> p.handle(query(null, ContactSort.NAME, true, 2, cursor))))
                .isInstanceOf(DomainException.class);
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("UPDATED_AT|" + UUID.randomUUID() + "|not a time").getBytes());
        assertThatThrownBy(() -> ask(first, p -> p.handle(query(null, ContactSort.UPDATED_AT, false, 2, forged))))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
}
