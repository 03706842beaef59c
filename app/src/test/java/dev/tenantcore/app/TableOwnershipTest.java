package dev.tenantcore.app;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every table belongs to one module, and a module's SQL names only its own tables. Above all, the
 * command side never names a query-side table: read tables are written by asynchronous projections,
 * so a command that read one would decide (and record in its events) whatever the projection had
 * reached. The tables come from the live catalogue after migration; the SQL from the string literals
 * of each module's main sources and the files of its main resources (migrations aside: infra runs
 * every module's migrations).
 */
@IntegrationTest
class TableOwnershipTest {

    enum Module {
        INFRA("infra"),
        COMMAND_SIDE("command-side"),
        QUERY_SIDE("query-side"),
        /** The assembly owns no table. */
        APP("app");

        final String directory;

        Module(String directory) {
            this.directory = directory;
        }
    }

    static final Map<String, Module> OWNERS = Map.ofEntries(
            // Axon's stores, deadlines, and the edge's own state.
            entry("domain_event_entry", Module.INFRA),
            entry("snapshot_event_entry", Module.INFRA),
            entry("token_entry", Module.INFRA),
            entry("saga_entry", Module.INFRA),
            entry("association_value_entry", Module.INFRA),
            entry("dead_letter_entry", Module.INFRA),
            entry("scheduled_tasks", Module.INFRA),
            entry("idempotency_keys", Module.INFRA),
            entry("rate_limit_buckets", Module.INFRA),
            entry("signing_keys", Module.INFRA),
            entry("auth_sessions", Module.INFRA),
            entry("revoked_sessions", Module.INFRA),
            entry("live_tickets", Module.INFRA),
            entry("webhook_deliveries", Module.INFRA),
            entry("platform_webhook_endpoints", Module.INFRA),
            entry("tenant_credentials", Module.INFRA),
            entry("credential_keys", Module.INFRA),
            entry("subject_keys", Module.INFRA),
            entry("processing_nodes", Module.INFRA),
            entry("read_model_tables", Module.INFRA),
            entry("email_settings", Module.INFRA),
            entry("email_template_overrides", Module.INFRA),
            entry("email_deliveries", Module.INFRA),
            entry("audit_chain_links", Module.INFRA),
            entry("audit_chain_progress", Module.INFRA),
            entry("audit_checkpoint_keys", Module.INFRA),
            entry("audit_checkpoints", Module.INFRA),
            // Command-side lookups, written in the command transaction.
            entry("platform_unique_keys", Module.COMMAND_SIDE),
            entry("tenant_unique_keys", Module.COMMAND_SIDE),
            entry("tenant_facts", Module.COMMAND_SIDE),
            entry("unverified_domain_claims", Module.COMMAND_SIDE),
            entry("tenant_trials", Module.COMMAND_SIDE),
            entry("pending_sign_ups", Module.COMMAND_SIDE),
            entry("tenant_owners", Module.COMMAND_SIDE),
            entry("user_credentials", Module.COMMAND_SIDE),
            entry("category_tree", Module.COMMAND_SIDE),
            entry("stock_levels", Module.COMMAND_SIDE),
            entry("tenant_customers", Module.COMMAND_SIDE),
            entry("order_counters", Module.COMMAND_SIDE),
            entry("invoice_counters", Module.COMMAND_SIDE),
            entry("invoicing_orders", Module.COMMAND_SIDE),
            entry("payment_provider_settings", Module.COMMAND_SIDE),
            entry("payment_references", Module.COMMAND_SIDE),
            entry("media_usage", Module.COMMAND_SIDE),
            entry("media_files", Module.COMMAND_SIDE),
            entry("media_references", Module.COMMAND_SIDE),
            entry("contact_field_definitions", Module.COMMAND_SIDE),
            entry("contact_stage_lists", Module.COMMAND_SIDE),
            entry("lead_form_definitions", Module.COMMAND_SIDE),
            entry("crm_channels", Module.COMMAND_SIDE),
            entry("platform_channel_endpoints", Module.COMMAND_SIDE),
            entry("crm_channel_sends", Module.COMMAND_SIDE),
            entry("crm_channel_health", Module.COMMAND_SIDE),
            entry("crm_email_mailboxes", Module.COMMAND_SIDE),
            entry("crm_email_messages", Module.COMMAND_SIDE),
            entry("crm_inbox_settings", Module.COMMAND_SIDE),
            entry("crm_inbox_staff", Module.COMMAND_SIDE),
            entry("contact_conversations", Module.COMMAND_SIDE),
            entry("outbound_webhook_endpoints", Module.COMMAND_SIDE),
            entry("outbound_webhook_messages", Module.COMMAND_SIDE),
            entry("outbound_webhook_attempts", Module.COMMAND_SIDE),
            entry("coupon_codes", Module.COMMAND_SIDE),
            entry("coupon_redemptions", Module.COMMAND_SIDE),
            entry("automation_rule_definitions", Module.COMMAND_SIDE),
            entry("automation_runs", Module.COMMAND_SIDE),
            entry("automation_run_steps", Module.COMMAND_SIDE),
            entry("audit_exports", Module.COMMAND_SIDE),
            entry("tenant_offboardings", Module.COMMAND_SIDE),
            // Read tables, written by projections.
            entry("platform_tenants", Module.QUERY_SIDE),
            entry("projection_rebuilds", Module.QUERY_SIDE),
            entry("rebuild_skipped_events", Module.QUERY_SIDE),
            entry("user_accounts", Module.QUERY_SIDE),
            entry("api_keys", Module.QUERY_SIDE),
            entry("categories", Module.QUERY_SIDE),
            entry("products", Module.QUERY_SIDE),
            entry("orders", Module.QUERY_SIDE),
            entry("order_history", Module.QUERY_SIDE),
            entry("invoices", Module.QUERY_SIDE),
            entry("invoice_lines", Module.QUERY_SIDE),
            entry("payments", Module.QUERY_SIDE),
            entry("media", Module.QUERY_SIDE),
            entry("contacts", Module.QUERY_SIDE),
            entry("contact_search_keys", Module.QUERY_SIDE),
            entry("contact_fields", Module.QUERY_SIDE),
            entry("contact_stages", Module.QUERY_SIDE),
            entry("contact_tasks", Module.QUERY_SIDE),
            entry("lead_forms", Module.QUERY_SIDE),
            entry("leads", Module.QUERY_SIDE),
            entry("lead_notes", Module.QUERY_SIDE),
            entry("contact_timeline", Module.QUERY_SIDE),
            entry("contact_timeline_contacts", Module.QUERY_SIDE),
            entry("contact_timeline_subjects", Module.QUERY_SIDE),
            entry("segments", Module.QUERY_SIDE),
            entry("crm_buyer_orders", Module.QUERY_SIDE),
            entry("conversations", Module.QUERY_SIDE),
            entry("conversation_messages", Module.QUERY_SIDE),
            entry("conversation_stats_daily", Module.QUERY_SIDE),
            entry("conversation_stats_durations", Module.QUERY_SIDE),
            entry("conversation_stats_state", Module.QUERY_SIDE),
            entry("conversation_reads", Module.QUERY_SIDE),
            entry("conversation_inbox_settings", Module.QUERY_SIDE),
            entry("conversation_staff_availability", Module.QUERY_SIDE),
            entry("coupons", Module.QUERY_SIDE),
            entry("automation_rules", Module.QUERY_SIDE));

    /**
     * Read tables that a replay empties through another, never alone: a trigger keeps them with
     * that table, and emptying one of them by itself would leave the other's rows unfindable.
     */
    static final Map<String, String> EMPTIED_WITH = Map.of("contact_search_keys", "contacts");

    /**
     * Query-side tables that are no read model, so no replay may empty them: the rebuilds' own record
     * and the events commands left to a running rebuild.
     */
    static final Set<String> NOT_REPLAYED = Set.of("projection_rebuilds", "rebuild_skipped_events");

    record Allowed(Module module, String table, String reason) {}

    /** The only places where a module may name a table it does not own, each with its reason. */
    static final List<Allowed> EXCEPTIONS = List.of(
            new Allowed(
                    Module.INFRA,
                    "platform_tenants",
                    "the edge's tenant directory routes and admits requests from the tenant read model; it"
                            + " records nothing in an event, and a switch reaches it within milliseconds"),
            new Allowed(
                    Module.APP,
                    "platform_unique_keys",
                    "the demo data asks the command side's slug claims whether its shops exist already"));

    /** A table named where SQL names one: after FROM, JOIN, INTO, UPDATE, TABLE or TRUNCATE. */
    private static final Pattern TABLE_REFERENCE =
            Pattern.compile("(?i)\\b(?:from|join|into|update|table|truncate)\\s+([a-z_][a-z0-9_]*)");

    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"((?:\\\\.|[^\"\\\\\\n])*)\"");
    private static final Path ROOT = Path.of("..");
    private static final Path PLANTED = Path.of("src/test/resources/table-ownership");

    @Autowired
    JdbcTemplate jdbc;

    private Set<String> catalogue() {
        return new TreeSet<>(jdbc.queryForList(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'",
                String.class));
    }

    @Test
    @DisplayName("every table of the migrated database belongs to exactly one module, and every owned table exists")
    void everyTableHasAnOwner() {
        Set<String> tables = catalogue();
        assertThat(tables).as("tables in the catalogue").hasSizeGreaterThan(20);

        assertThat(unowned(tables, OWNERS)).as("tables no module owns").isEmpty();
        assertThat(OWNERS.keySet()).as("owned tables that do not exist").isSubsetOf(tables);
    }

    @Test
    @DisplayName("a replay may empty exactly the query side's tables: every read table, and nothing else")
    void replaysEmptyExactlyTheReadTables() {
        Set<String> resettable = new TreeSet<>(jdbc.queryForList("SELECT name FROM read_model_tables", String.class));
        Set<String> readTables = new TreeSet<>();
        OWNERS.forEach((table, module) -> {
            if (module == Module.QUERY_SIDE && !EMPTIED_WITH.containsKey(table) && !NOT_REPLAYED.contains(table)) {
                readTables.add(table);
            }
        });

        assertThat(resettable).isEqualTo(readTables);
    }

    @Test
    @DisplayName("each module's SQL names only its own tables, and the command side no read table")
    void modulesKeepToTheirTables() {
        Map<Module, Set<String>> named = new java.util.EnumMap<>(Module.class);
        for (Module module : Module.values()) {
            named.put(module, tablesNamedIn(ROOT.resolve(module.directory)));
        }
        // The scan sees SQL at all: each side names tables of its own.
        assertThat(named.get(Module.COMMAND_SIDE)).contains("stock_levels", "tenant_facts");
        assertThat(named.get(Module.QUERY_SIDE)).contains("orders", "platform_tenants");
        assertThat(named.get(Module.INFRA)).contains("auth_sessions", "platform_tenants");

        assertThat(trespasses(named)).isEmpty();
        assertThat(EXCEPTIONS)
                .as("every exception is still needed")
                .allSatisfy(e -> assertThat(named.get(e.module())).contains(e.table()));
    }

    @Test
    @DisplayName("the checker fails on a command-side class that reads a read table, and on a table nobody owns")
    void checkerCanFail() {
        Set<String> planted = tablesNamedIn(PLANTED.resolve("command-side"));
        assertThat(planted)
                .as("SQL strings only, not comments")
                .containsExactlyInAnyOrder("platform_tenants", "stock_levels");
        assertThat(trespasses(Map.of(Module.COMMAND_SIDE, planted)))
                .containsExactly("command-side names platform_tenants, a table of query-side");

        Set<String> withStranger = new TreeSet<>(OWNERS.keySet());
        withStranger.add("planted_unowned");
        assertThat(unowned(withStranger, OWNERS)).containsExactly("planted_unowned");
    }

    static Set<String> unowned(Set<String> tables, Map<String, Module> owners) {
        Set<String> unowned = new TreeSet<>(tables);
        unowned.removeAll(owners.keySet());
        return unowned;
    }

    static List<String> trespasses(Map<Module, Set<String>> named) {
        List<String> found = new ArrayList<>();
        named.forEach((module, tables) -> {
            for (String table : tables) {
                Module owner = OWNERS.get(table);
                boolean excepted = EXCEPTIONS.stream()
                        .anyMatch(e -> e.module() == module && e.table().equals(table));
                if (owner != module && !excepted) {
                    found.add(module.directory + " names " + table + ", a table of "
                            + (owner == null ? "no module" : owner.directory));
                }
            }
        });
        return found;
    }

    /** Known tables named in SQL in a module's main sources and resources. */
    static Set<String> tablesNamedIn(Path module) {
        Set<String> named = new TreeSet<>();
        Path main = module.resolve("src/main");
        if (!Files.isDirectory(main)) {
            return named;
        }
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.toString().replace('\\', '/').contains("/db/migration/")) {
                    continue;
                }
                String text = Files.readString(file);
                for (String sql : file.toString().endsWith(".java") ? stringLiterals(text) : List.of(text)) {
                    Matcher m = TABLE_REFERENCE.matcher(sql);
                    while (m.find()) {
                        String table = m.group(1).toLowerCase(java.util.Locale.ROOT);
                        if (OWNERS.containsKey(table) || table.startsWith("planted_")) {
                            named.add(table);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return named;
    }

    /** Text blocks and string literals: SQL lives there, never in comments. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        Matcher blocks = TEXT_BLOCK.matcher(source);
        StringBuilder rest = new StringBuilder();
        while (blocks.find()) {
            literals.add(blocks.group(1));
            blocks.appendReplacement(rest, "");
        }
        blocks.appendTail(rest);
        String withoutComments = rest.toString().replaceAll("(?m)^\\s*(//|\\*|/\\*).*$", "");
        Matcher strings = STRING.matcher(withoutComments);
        while (strings.find()) {
            literals.add(strings.group(1));
        }
        return literals;
    }
}
