/** Identifiers, money, metadata keys and error codes shared by every bounded context. */
package dev.tenantcore.api.common;
