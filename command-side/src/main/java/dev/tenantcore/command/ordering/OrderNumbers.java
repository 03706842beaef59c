package dev.tenantcore.command.ordering;

/**
 * Sequential order numbers per tenant, taken in the placing transaction: numbers follow the order
 * in which orders commit. A refused order gives its number back with its rolled-back transaction.
 */
public interface OrderNumbers {

    long next();
}
