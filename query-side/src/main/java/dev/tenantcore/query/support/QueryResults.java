package dev.tenantcore.query.support;

import dev.tenantcore.api.common.DomainException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for a query's answer on a request thread and surfaces the handler's own exception. */
public final class QueryResults {

    private QueryResults() {}

    /**
     * Returns the answer, or throws what the handler threw. A {@link DomainException} is dug out
     * from Axon's wrappers, so the error advice maps it to its stable code, not a 500.
     */
    public static <T> T join(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainException domain) {
                return domain;
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }
}
