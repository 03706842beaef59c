package dev.tenantcore.infra.idempotency;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Marks an idempotency key {@code committed} in the transaction of the command its request sends,
 * so the key itself tells whether that command happened.
 *
 * <p>The key is claimed before the command and completed after it, each in a transaction of its
 * own; a crash between them leaves it unfinished, and a retry must then learn which side of the
 * command's commit the crash fell on. A {@code pending} key was never committed: once its lease has
 * passed, the retry runs the request again. A {@code committed} key's command is in the store but
 * its answer was lost: the retry is refused, never run twice.
 *
 * <p>The request thread holds its claim while the handler runs; commands dispatched from that
 * thread carry it in their metadata; their handling writes the mark before the unit of work commits.
 */
@Configuration(proxyBeanMethods = false)
public class IdempotencyClaims {

    static final String CALLER = "idempotencyCaller";
    static final String KEY = "idempotencyKey";

    /** A claimed key of the current request: whose and which. */
    record Claim(String caller, String key) {}

    private static final ThreadLocal<Claim> CURRENT = new ThreadLocal<>();

    static void hold(Claim claim) {
        CURRENT.set(claim);
    }

    static void release() {
        CURRENT.remove();
    }

    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> idempotencyClaimDispatch() {
        return messages -> (index, command) -> {
            Claim claim = CURRENT.get();
            if (claim == null) {
                return command;
            }
            Map<String, Object> additions = new HashMap<>();
            additions.put(CALLER, claim.caller());
            additions.put(KEY, claim.key());
            return command.andMetaData(additions);
        };
    }

    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> idempotencyClaimCommit(JdbcTemplate jdbc) {
        return (unitOfWork, chain) -> {
            Object caller = unitOfWork.getMessage().getMetaData().get(CALLER);
            Object key = unitOfWork.getMessage().getMetaData().get(KEY);
            if (caller != null && key != null) {
                unitOfWork.onPrepareCommit(u -> jdbc.update(
                        "UPDATE idempotency_keys SET state = 'committed' WHERE caller = ? AND key = ? AND state = 'pending'",
                        caller.toString(),
                        key.toString()));
            }
            return chain.proceed();
        };
    }
}
