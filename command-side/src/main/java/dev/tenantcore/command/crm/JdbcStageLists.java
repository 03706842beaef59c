package dev.tenantcore.command.crm;

import dev.tenantcore.api.crm.LifecycleStages;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link StageLists} in the row-level-secured {@code contact_stage_lists}. */
@Component
class JdbcStageLists implements StageLists {

    private final JdbcTemplate jdbc;

    JdbcStageLists(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> current() {
        List<List<String>> found = jdbc.query(
                "SELECT stages FROM contact_stage_lists",
                (rs, row) -> Arrays.asList((String[]) rs.getArray("stages").getArray()));
        return found.isEmpty() ? LifecycleStages.DEFAULT : found.get(0);
    }

    @Override
    public void set(List<String> stages) {
        jdbc.update("""
                INSERT INTO contact_stage_lists (tenant_id, stages) VALUES (app_current_tenant(), ?)
                ON CONFLICT (tenant_id) DO UPDATE SET stages = EXCLUDED.stages
                """, (Object) stages.toArray(String[]::new));
    }
}
