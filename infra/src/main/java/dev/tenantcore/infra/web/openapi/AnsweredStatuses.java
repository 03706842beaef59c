package dev.tenantcore.infra.web.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;
import org.springframework.http.HttpStatus;
import org.springframework.util.ClassUtils;

/**
 * The success statuses a handler answers, read from its bytecode: {@code ResponseEntity.created(…)}
 * is 201, {@code accepted()} 202, {@code noContent()} 204, {@code ok()} 200, and
 * {@code status(HttpStatus.X)} X. So a handler is described with the status it really answers
 * without an annotation that could drift from its code. Empty when the handler builds its answer
 * elsewhere (then springdoc's default stands).
 */
final class AnsweredStatuses {

    private static final String RESPONSE_ENTITY = "org/springframework/http/ResponseEntity";
    private static final String HTTP_STATUS = "org/springframework/http/HttpStatus";

    private AnsweredStatuses() {}

    static Set<Integer> of(Method handler) {
        Set<Integer> statuses = new TreeSet<>();
        Class<?> type = ClassUtils.getUserClass(handler.getDeclaringClass());
        String resource = ClassUtils.convertClassNameToResourcePath(type.getName()) + ClassUtils.CLASS_FILE_SUFFIX;
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return statuses;
            }
            String descriptor = Type.getMethodDescriptor(handler);
            new ClassReader(in)
                    .accept(
                            new ClassVisitor(Opcodes.ASM9) {
                                @Override
                                public MethodVisitor visitMethod(
                                        int access, String name, String desc, String signature, String[] exceptions) {
                                    if (!name.equals(handler.getName()) || !desc.equals(descriptor)) {
                                        return null;
                                    }
                                    return new StatusCalls(statuses);
                                }
                            },
                            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException | RuntimeException e) {
            // Unreadable bytecode only means the default description stands.
            return new TreeSet<>();
        }
        return statuses;
    }

    private static final class StatusCalls extends MethodVisitor {
        private final Set<Integer> statuses;
        private HttpStatus lastStatus;

        StatusCalls(Set<Integer> statuses) {
            super(Opcodes.ASM9);
            this.statuses = statuses;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            lastStatus = opcode == Opcodes.GETSTATIC && owner.equals(HTTP_STATUS) ? HttpStatus.valueOf(name) : null;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals(RESPONSE_ENTITY)) {
                switch (name) {
                    case "ok" -> statuses.add(200);
                    case "created" -> statuses.add(201);
                    case "accepted" -> statuses.add(202);
                    case "noContent" -> statuses.add(204);
                    case "status" -> {
                        if (lastStatus != null) {
                            statuses.add(lastStatus.value());
                        }
                    }
                    default -> {}
                }
            }
            lastStatus = null;
        }
    }
}
