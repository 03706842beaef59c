package dev.tenantcore.command.common;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/** Lets in-memory stand-ins for transactional tables take part in the command's unit of work. */
public final class TestTransactions {

    private TestTransactions() {}

    /** Runs {@code undo} if the command that is being handled fails. */
    public static void onRollback(Runnable undo) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onRollback(uow -> undo.run());
        }
    }
}
