package dev.tenantcore.query.crm.timeline;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.timeline.ContactTimelinePage;
import dev.tenantcore.api.crm.timeline.FindContactTimelineQuery;
import dev.tenantcore.query.support.ProjectionFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How long a page of one contact's timeline takes when its tenant has 200 000 timeline rows: the
 * first page and the page after it, p50 and p99 of 200 reads each. Not a test: its name matches no
 * test pattern, so the build never runs it; run it by name:
 * {@code ./mvnw -o -q -pl query-side -am verify -Dtest=ContactTimelineBench -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 */
class ContactTimelineBench {

    private static final int READS = 200;
    private static final int WARM_UP = 20;

    @Test
    @DisplayName("a page of a contact's timeline among 200 000 rows of its tenant")
    void pageLatency() {
        ProjectionFixture db = ProjectionFixture.database();
        TenantId tenant = ProjectionFixture.newTenant();
        UUID contact = UUID.randomUUID();
        db.as(tenant, () -> {
            // 10 000 other contacts with 20 entries each; the probed contact has 200 entries by id,
            // 50 orders billed to its e-mail (placed and paid twice), and 10 leads from that e-mail.
            db.jdbc()
                    .update("INSERT INTO contact_timeline_contacts (tenant_id, id, emails, details, version)"
                            + " SELECT app_current_tenant(), gen_random_uuid(), ARRAY['c' || g || '@x.test'], '{}', 0"
                            + " FROM generate_series(1, 10000) g");
            db.jdbc()
                    .update("INSERT INTO contact_timeline (tenant_id, id, seq, type, occurred_at, contact_id,"
                            + " payload, actor) SELECT app_current_tenant(), gen_random_uuid(), g, 'contact_note_added',"
                            + " now() - g * interval '1 second', c.id, '{}', 'system'"
                            + " FROM contact_timeline_contacts c, generate_series(1, 20) g");
            db.jdbc()
                    .update(
                            "INSERT INTO contact_timeline_contacts (tenant_id, id, emails, details, version)"
                                    + " VALUES (app_current_tenant(), ?, ARRAY['probe@x.test'], '{}', 0)",
                            contact);
            db.jdbc()
                    .update(
                            "INSERT INTO contact_timeline (tenant_id, id, seq, type, occurred_at, contact_id, payload,"
                                    + " actor) SELECT app_current_tenant(), gen_random_uuid(), g, 'contact_note_added',"
                                    + " now() - g * interval '1 second', ?, '{}', 'system'"
                                    + " FROM generate_series(1, 200) g",
                            contact);
            db.jdbc()
                    .update("INSERT INTO contact_timeline (tenant_id, id, seq, type, occurred_at, email, order_id,"
                            + " payload, actor) SELECT app_current_tenant(), gen_random_uuid(), g, 'order_placed',"
                            + " now() - g * interval '1 minute', 'probe@x.test', md5(g::text)::uuid, '{}', 'system'"
                            + " FROM generate_series(1, 50) g");
            db.jdbc()
                    .update("INSERT INTO contact_timeline (tenant_id, id, seq, type, occurred_at, order_id, payload,"
                            + " actor) SELECT app_current_tenant(), gen_random_uuid(), g, 'order_paid',"
                            + " now() - g * interval '1 minute', md5((g % 50 + 1)::text)::uuid, '{}', 'system'"
                            + " FROM generate_series(1, 100) g");
            db.jdbc()
                    .update("INSERT INTO contact_timeline (tenant_id, id, seq, type, occurred_at, email, lead_id,"
                            + " payload, actor) SELECT app_current_tenant(), gen_random_uuid(), g, 'lead_submitted',"
                            + " now() - g * interval '1 hour', 'probe@x.test', md5('l' || g)::uuid, '{}', 'visitor'"
                            + " FROM generate_series(1, 10) g");
            db.jdbc().execute("ANALYZE contact_timeline");
            db.jdbc().execute("ANALYZE contact_timeline_contacts");
            return null;
        });
        ContactTimelineProjection projection = new ContactTimelineProjection(db.store());
        List<Long> first = new ArrayList<>();
        List<Long> next = new ArrayList<>();
        for (int i = 0; i < WARM_UP + READS; i++) {
            long start = System.nanoTime();
            ContactTimelinePage page = db.as(
                    tenant,
                    () -> projection.handle(new FindContactTimelineQuery(new ContactId(contact), Set.of(), 20, null)));
            long middle = System.nanoTime();
            db.as(
                    tenant,
                    () -> projection.handle(
                            new FindContactTimelineQuery(new ContactId(contact), Set.of(), 20, page.nextCursor())));
            long end = System.nanoTime();
            if (i >= WARM_UP) {
                first.add(middle - start);
                next.add(end - middle);
            }
        }
        Collections.sort(first);
        Collections.sort(next);
        System.out.printf(
                "BENCH timeline page of 20 among 200 000 rows: first p50 %.1f ms p99 %.1f ms;"
                        + " next p50 %.1f ms p99 %.1f ms%n",
                first.get(READS / 2) / 1e6,
                first.get(READS * 99 / 100) / 1e6,
                next.get(READS / 2) / 1e6,
                next.get(READS * 99 / 100) / 1e6);
    }
}
