package dev.tenantcore.query.support;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The template {@link ReadModel} hands to projections: before any statement it runs (every
 * operation of a {@link JdbcTemplate} takes its connection through {@link #obtainDataSource()}), the
 * versioned writes held back by a rebuild are sent, so no read, delete or direct write of a
 * projection ever overtakes a write made before it.
 */
final class FlushingJdbcTemplate extends JdbcTemplate {

    private final PendingWrites pending;

    FlushingJdbcTemplate(JdbcTemplate template, PendingWrites pending) {
        super(template.getDataSource());
        setFetchSize(template.getFetchSize());
        setMaxRows(template.getMaxRows());
        setQueryTimeout(template.getQueryTimeout());
        setExceptionTranslator(template.getExceptionTranslator());
        this.pending = pending;
    }

    @Override
    protected DataSource obtainDataSource() {
        pending.flush();
        return super.obtainDataSource();
    }
}
