package dev.tenantcore.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.query.support.ReadModel;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("A projection's rebuild sends its writes in batches")
class ProjectionsTest {

    static final class ThroughReadModel {
        private final ReadModel store = null;
    }

    static final class OwnTemplate {
        private final ReadModel store = null;
        private final JdbcTemplate jdbc = null;
    }

    static final class Helper {
        private final DataSource dataSource = null;
    }

    static final class HelperWithDataSource {
        private final Helper helper = null;
    }

    @Test
    @DisplayName("only when it reaches the database through its read model alone")
    void onlyThroughReadModel() throws Exception {
        assertThat(Projections.onlyThroughReadModel(ThroughReadModel.class)).isTrue();
        assertThat(Projections.onlyThroughReadModel(Class.forName("dev.tenantcore.query.catalog.ProductProjection")))
                .isTrue();
        assertThat(Projections.onlyThroughReadModel(OwnTemplate.class)).isFalse();
        assertThat(Projections.onlyThroughReadModel(HelperWithDataSource.class)).isFalse();
    }
}
