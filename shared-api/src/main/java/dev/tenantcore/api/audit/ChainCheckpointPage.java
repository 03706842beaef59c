package dev.tenantcore.api.audit;

import java.util.List;

/** Checkpoints newest first; {@code nextCursor} is null on the last page. */
public record ChainCheckpointPage(List<ChainCheckpoint> items, String nextCursor) {}
