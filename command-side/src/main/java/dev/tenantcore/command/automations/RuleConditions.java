package dev.tenantcore.command.automations;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and evaluates rules' conditions: CEL expressions over one variable, {@code event}, the
 * published envelope ({@code event.type}, {@code event.occurredAt}, {@code event.aggregateId},
 * {@code event.data.<field>}) typed after the trigger's domain event ({@link EventShapes}).
 *
 * <p>A condition is compiled and type-checked when a rule is saved, so a rule never holds an
 * expression that cannot run: a syntax error, an unknown field or a type mismatch is refused with
 * {@code invalid_rule_condition} and the error's line and column. It must produce a {@code bool}.
 *
 * <p>Evaluation is bounded: an expression is at most {@value #MAX_LENGTH} characters, a
 * comprehension ({@code all}, {@code exists}, {@code map}, {@code filter}) at most {@value
 * #MAX_ITERATIONS} iterations, and one evaluation at most {@value #MAX_STEPS} evaluated
 * sub-expressions; past a bound the evaluation fails with {@link ConditionFailed}, it never hangs.
 */
public final class RuleConditions {

    public static final int MAX_LENGTH = 2000;
    public static final int MAX_ITERATIONS = 1000;
    public static final int MAX_STEPS = 10_000;

    private static final CelOptions OPTIONS = CelOptions.current()
            .maxExpressionCodePointSize(MAX_LENGTH)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .enableTimestampEpoch(true)
            .enableHeterogeneousNumericComparisons(true)
            .build();

    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private static final Map<PublicEventType, CelCompiler> COMPILERS = new ConcurrentHashMap<>();

    private RuleConditions() {}

    /** A condition the rule cannot be saved with; {@code line} and {@code column} are 1-based. */
    public static final class InvalidCondition extends DomainException {

        private final int line;
        private final int column;

        InvalidCondition(String message, int line, int column) {
            super(ErrorCode.INVALID_RULE_CONDITION, message, properties(line, column));
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        private static Map<String, Object> properties(int line, int column) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("line", line);
            properties.put("column", column);
            return properties;
        }
    }

    /** A condition that could not be evaluated against one event (a missing field, a bound reached). */
    public static final class ConditionFailed extends RuntimeException {
        ConditionFailed(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** A checked condition, ready to evaluate against events of its trigger. */
    public static final class Condition {
        private final PublicEventType trigger;
        private final CelRuntime.Program program;

        private Condition(PublicEventType trigger, CelRuntime.Program program) {
            this.trigger = trigger;
            this.program = program;
        }

        /** Whether the event meets the condition. */
        public boolean test(PublicEvent event) {
            Map<String, Object> envelope = envelope(trigger, event);
            int[] steps = {0};
            Object result;
            try {
                result = program.trace(Map.of("event", envelope), (expr, value) -> {
                    if (++steps[0] > MAX_STEPS) {
                        throw new StepLimit();
                    }
                });
            } catch (StepLimit e) {
                throw new ConditionFailed("the condition exceeded its cost limit of " + MAX_STEPS + " steps", e);
            } catch (CelEvaluationException e) {
                if (e.getCause() instanceof StepLimit) {
                    throw new ConditionFailed("the condition exceeded its cost limit of " + MAX_STEPS + " steps", e);
                }
                throw new ConditionFailed("the condition could not be evaluated: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new ConditionFailed("the condition could not be evaluated: " + e.getMessage(), e);
            }
            if (result instanceof Boolean holds) {
                return holds;
            }
            throw new ConditionFailed("the condition did not produce a bool", null);
        }
    }

    private static final class StepLimit extends RuntimeException {
        StepLimit() {
            super("cost limit", null, false, false);
        }
    }

    /** The trigger named by its wire name, or {@code unknown_event_type}. */
    public static PublicEventType trigger(String wireName) {
        return PublicEventType.named(wireName)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.UNKNOWN_EVENT_TYPE, "No published event type is named " + wireName + "."));
    }

    /** Compiles {@code expression} for events of {@code trigger}; refuses it with its position. */
    public static Condition compile(PublicEventType trigger, String expression) {
        if (expression.codePointCount(0, expression.length()) > MAX_LENGTH) {
            throw new InvalidCondition("The condition is longer than " + MAX_LENGTH + " characters.", 1, 1);
        }
        CelCompiler compiler = COMPILERS.computeIfAbsent(trigger, RuleConditions::compiler);
        CelValidationResult result = compiler.compile(expression);
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw invalid(e);
        }
        if (!ast.getResultType().equals(SimpleType.BOOL)) {
            throw new InvalidCondition(
                    "The condition must be a bool expression, not "
                            + ast.getResultType().name() + ".",
                    1,
                    1);
        }
        try {
            return new Condition(trigger, RUNTIME.createProgram(ast));
        } catch (CelEvaluationException e) {
            throw new InvalidCondition("The condition cannot run: " + e.getMessage(), 1, 1);
        }
    }

    private static InvalidCondition invalid(CelValidationException e) {
        List<CelIssue> errors = e.getErrors();
        CelIssue first = errors.get(0);
        int line = Math.max(1, first.getSourceLocation().getLine());
        // CEL counts columns from 0.
        int column = Math.max(0, first.getSourceLocation().getColumn()) + 1;
        return new InvalidCondition(
                "The condition does not compile at line " + line + ", column " + column + ": " + first.getMessage(),
                line,
                column);
    }

    private static CelCompiler compiler(PublicEventType trigger) {
        EventShapes.Shape data = EventShapes.of(trigger);
        Map<String, CelType> envelopeFields = new LinkedHashMap<>();
        envelopeFields.put("id", SimpleType.STRING);
        envelopeFields.put("type", SimpleType.STRING);
        envelopeFields.put("occurredAt", SimpleType.TIMESTAMP);
        envelopeFields.put("aggregateType", SimpleType.STRING);
        envelopeFields.put("aggregateId", SimpleType.STRING);
        envelopeFields.put("position", SimpleType.INT);
        envelopeFields.put("data", data.type());
        StructType envelope = StructType.create(
                "tenantcore.Event",
                ImmutableSet.copyOf(envelopeFields.keySet()),
                field -> Optional.ofNullable(envelopeFields.get(field)));
        List<CelType> types = new ArrayList<>(data.structs());
        types.add(envelope);
        return CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(new Types(types))
                .addVar("event", envelope)
                .setResultType(SimpleType.BOOL)
                .build();
    }

    /** The values {@code event} has when evaluated: the envelope with {@code data} in its declared shape. */
    static Map<String, Object> envelope(PublicEventType trigger, PublicEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", String.valueOf(event.id()));
        envelope.put("type", trigger.wireName());
        envelope.put("occurredAt", EventShapes.timestamp(event.occurredAt()));
        envelope.put("aggregateType", event.aggregateType() == null ? "" : event.aggregateType());
        envelope.put("aggregateId", event.aggregateId() == null ? "" : event.aggregateId());
        envelope.put("position", event.position());
        Object data = EventShapes.of(trigger).convert().apply(event.data());
        envelope.put("data", data == null ? Map.of() : data);
        return envelope;
    }

    private record Types(List<CelType> known) implements CelTypeProvider {
        @Override
        public ImmutableCollection<CelType> types() {
            return ImmutableList.copyOf(known);
        }

        @Override
        public Optional<CelType> findType(String name) {
            return known.stream().filter(t -> t.name().equals(name)).findFirst();
        }
    }
}
