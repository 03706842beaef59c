package dev.tenantcore.api.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of an event record as personal data of one data subject. The event store holds
 * it encrypted under that subject's key; once the subject is erased it reads as {@code "[erased]"}
 * (text), empty (lists, maps), a record of {@code "[erased]"} texts, or null (anything else).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {

    /** Whose data it is. */
    DataSubject subject();

    /** The record component that holds the subject's id (a typed id or a UUID). */
    String id();
}
