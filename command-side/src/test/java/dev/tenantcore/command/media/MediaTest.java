package dev.tenantcore.command.media;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.media.DeleteMediaCommand;
import dev.tenantcore.api.media.MediaAttachment;
import dev.tenantcore.api.media.MediaDeletedEvent;
import dev.tenantcore.api.media.MediaEntityType;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.MediaUpdatedEvent;
import dev.tenantcore.api.media.MediaUploadedEvent;
import dev.tenantcore.api.media.MoveMediaCommand;
import dev.tenantcore.api.media.StoredFile;
import dev.tenantcore.api.media.UpdateMediaCommand;
import dev.tenantcore.api.media.UploadMediaCommand;
import dev.tenantcore.command.common.InMemoryMediaLookup;
import dev.tenantcore.command.common.MediaLookup;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Media")
class MediaTest {

    private static final MediaId PHOTO = MediaId.random();
    private static final UUID MUG = UUID.randomUUID();
    private static final UUID JUG = UUID.randomUUID();
    private static final MediaAttachment ON_MUG = new MediaAttachment(MediaEntityType.PRODUCT, MUG, 0);
    private static final Map<String, String> ALT = Map.of("en", "A blue mug", "es", "Una taza azul");

    /** Bytes counted per tenant, against a quota of 1000. */
    static final class CountingUsage implements MediaUsage {
        long bytes;

        @Override
        public void add(long more) {
            if (bytes + more > 1000) {
                throw new DomainException(ErrorCode.STORAGE_QUOTA_EXCEEDED, "over quota");
            }
            bytes += more;
        }

        @Override
        public void release(long fewer) {
            bytes -= fewer;
        }
    }

    private final CountingUsage usage = new CountingUsage();
    private final InMemoryMediaLookup files = new InMemoryMediaLookup();
    private final FixtureConfiguration<Media> fixture = fixtureFor(Media.class, usage, files);

    private static StoredFile png(long size) {
        return new StoredFile(
                "tenants/" + ACME + "/media/" + PHOTO + "/original",
                "image/png",
                size,
                "ab".repeat(32),
                64,
                48,
                "mug.png");
    }

    private static MediaUploadedEvent uploaded() {
        return new MediaUploadedEvent(PHOTO, ACME, png(400), ON_MUG, ALT);
    }

    @Nested
    @DisplayName("uploading")
    class Uploading {

        @Test
        @DisplayName("records the stored file, where it is shown and its alt texts, and counts its bytes")
        void records() {
            fixture.givenNoPriorActivity()
                    .when(new UploadMediaCommand(PHOTO, png(400), ON_MUG, ALT), from(ACME))
                    .expectEvents(uploaded());
            assertThat(usage.bytes).isEqualTo(400);
        }

        @Test
        @DisplayName("makes the file known to other commands of its tenant, with its sniffed type, and to no other")
        void knownToCommands() {
            fixture.givenNoPriorActivity().when(new UploadMediaCommand(PHOTO, png(400), ON_MUG, ALT), from(ACME));

            try (var acme = TenantContext.enter(ACME, null)) {
                assertThat(files.contentType(PHOTO)).contains("image/png");
            }
            try (var globex = TenantContext.enter(GLOBEX, null)) {
                assertThat(files.contentType(PHOTO)).isEmpty();
            }
        }

        @Test
        @DisplayName("is refused over the tenant's quota, recording nothing")
        void overQuota() {
            usage.bytes = 700;
            fixture.givenNoPriorActivity()
                    .when(new UploadMediaCommand(PHOTO, png(400), null, Map.of()), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.STORAGE_QUOTA_EXCEEDED));
            assertThat(usage.bytes).isEqualTo(700);
        }

        @Test
        @DisplayName("is refused when the object lies outside the file's own folder of the sender's tenant")
        void foreignKey() {
            StoredFile elsewhere = new StoredFile(
                    "tenants/" + GLOBEX + "/media/" + PHOTO + "/original",
                    "image/png",
                    10,
                    "ab".repeat(32),
                    1,
                    1,
                    null);
            fixture.givenNoPriorActivity()
                    .when(new UploadMediaCommand(PHOTO, elsewhere, null, Map.of()), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("is refused for a type the pipeline does not accept")
        void foreignType() {
            StoredFile html =
                    new StoredFile(png(10).storageKey(), "text/html", 10, "ab".repeat(32), null, null, "x.png");
            fixture.givenNoPriorActivity()
                    .when(new UploadMediaCommand(PHOTO, html, null, Map.of()), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("refuses to show anything but an image on an entity")
        void documentsAreNotShown() {
            StoredFile svg =
                    new StoredFile(png(10).storageKey(), "image/svg+xml", 10, "ab".repeat(32), null, null, "logo.svg");
            fixture.givenNoPriorActivity()
                    .when(new UploadMediaCommand(PHOTO, svg, ON_MUG, Map.of()), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("refuses alt texts keyed by something that is not a locale")
        void altByLocale() {
            fixture.givenNoPriorActivity()
                    .when(new UploadMediaCommand(PHOTO, png(10), null, Map.of("<script>", "x")), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("refuses a position outside 0 to 10000")
        void position() {
            fixture.givenNoPriorActivity()
                    .when(
                            new UploadMediaCommand(
                                    PHOTO, png(10), new MediaAttachment(MediaEntityType.PRODUCT, MUG, -1), Map.of()),
                            from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Nested
    @DisplayName("updating")
    class Updating {

        @Test
        @DisplayName("records new alt texts and keeps where the file is shown")
        void alt() {
            Map<String, String> texts = Map.of("en", "A red mug");
            assertAccepted(
                    fixture.given(uploaded()),
                    new UpdateMediaCommand(PHOTO, 0L, texts, null, false),
                    ACME,
                    1L,
                    new MediaUpdatedEvent(PHOTO, ON_MUG, texts));
        }

        @Test
        @DisplayName("moves the file to another entity, or takes it off its entity")
        void attachAndDetach() {
            MediaAttachment onJug = new MediaAttachment(MediaEntityType.PRODUCT, JUG, 2);
            assertAccepted(
                    fixture.given(uploaded()),
                    new UpdateMediaCommand(PHOTO, null, null, onJug, false),
                    ACME,
                    1L,
                    new MediaUpdatedEvent(PHOTO, onJug, ALT));
            assertAccepted(
                    fixture.given(uploaded()),
                    new UpdateMediaCommand(PHOTO, null, null, null, true),
                    ACME,
                    1L,
                    new MediaUpdatedEvent(PHOTO, null, ALT));
        }

        @Test
        @DisplayName("that changes nothing records nothing and answers the current version")
        void unchanged() {
            assertUnchanged(fixture.given(uploaded()), new UpdateMediaCommand(PHOTO, 0L, ALT, ON_MUG, false), ACME, 0);
        }

        @Test
        @DisplayName("with a stale version is refused")
        void stale() {
            assertRefused(
                    fixture.given(uploaded(), new MediaUpdatedEvent(PHOTO, ON_MUG, Map.of())),
                    new UpdateMediaCommand(PHOTO, 0L, ALT, null, false),
                    ACME,
                    ConflictingAggregateVersionException.class);
        }
    }

    @Nested
    @DisplayName("moving among an entity's files")
    class Moving {

        @Test
        @DisplayName("puts the file at the new position")
        void moves() {
            assertAccepted(
                    fixture.given(uploaded()),
                    new MoveMediaCommand(PHOTO, MediaEntityType.PRODUCT, MUG, 3),
                    ACME,
                    1L,
                    new MediaUpdatedEvent(PHOTO, new MediaAttachment(MediaEntityType.PRODUCT, MUG, 3), ALT));
        }

        @Test
        @DisplayName("to the position it has records nothing")
        void samePlace() {
            assertUnchanged(
                    fixture.given(uploaded()), new MoveMediaCommand(PHOTO, MediaEntityType.PRODUCT, MUG, 0), ACME, 0);
        }

        @Test
        @DisplayName("is refused for a file not shown on that entity")
        void otherEntity() {
            assertRefused(
                    fixture.given(uploaded()),
                    new MoveMediaCommand(PHOTO, MediaEntityType.PRODUCT, JUG, 1),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }
    }

    @Nested
    @DisplayName("deleting")
    class Deleting {

        @Test
        @DisplayName("records the deletion with the object's key and gives its bytes back to the quota")
        void deletes() {
            usage.bytes = 400;
            assertAccepted(
                    fixture.given(uploaded()),
                    new DeleteMediaCommand(PHOTO, null),
                    ACME,
                    1L,
                    new MediaDeletedEvent(PHOTO, ACME, png(400).storageKey(), 400));
            assertThat(usage.bytes).isZero();
        }

        @Test
        @DisplayName("makes the file unknown to other commands")
        void forgotten() {
            files.known(ACME, PHOTO, "image/png");
            fixture.given(uploaded()).when(new DeleteMediaCommand(PHOTO, null), from(ACME));

            try (var acme = TenantContext.enter(ACME, null)) {
                assertThat(files.contentType(PHOTO)).isEmpty();
            }
        }

        @Test
        @DisplayName("leaves nothing to change afterwards")
        void gone() {
            fixture.given(uploaded(), new MediaDeletedEvent(PHOTO, ACME, png(400).storageKey(), 400))
                    .when(new UpdateMediaCommand(PHOTO, null, ALT, null, true), from(ACME))
                    .expectNoEvents()
                    .expectException(AggregateDeletedException.class);
        }

        @Test
        @DisplayName("a file that is the shop's logo is refused with media_in_use, naming it, and stays as it was")
        void inUse() {
            usage.bytes = 400;
            MediaLookup.Referrer logo = new MediaLookup.Referrer(MediaEntityType.TENANT_LOGO, ACME.value());
            files.known(ACME, PHOTO, "image/png").shown(ACME, logo, PHOTO);

            fixture.given(uploaded())
                    .when(new DeleteMediaCommand(PHOTO, null), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.MEDIA_IN_USE))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("logo"));
            assertThat(usage.bytes).isEqualTo(400);
            try (var acme = TenantContext.enter(ACME, null)) {
                assertThat(files.contentType(PHOTO)).contains("image/png");
            }
        }

        @Test
        @DisplayName("a file another tenant's logo names by the same id is no reason to refuse")
        void otherTenantsReference() {
            MediaLookup.Referrer theirs = new MediaLookup.Referrer(MediaEntityType.TENANT_LOGO, GLOBEX.value());
            files.known(ACME, PHOTO, "image/png").shown(GLOBEX, theirs, PHOTO);

            assertAccepted(
                    fixture.given(uploaded()),
                    new DeleteMediaCommand(PHOTO, null),
                    ACME,
                    1L,
                    new MediaDeletedEvent(PHOTO, ACME, png(400).storageKey(), 400));
        }

        @Test
        @DisplayName("by another tenant behaves as if the file did not exist, and gives back no bytes")
        void otherTenant() {
            usage.bytes = 400;
            assertRefused(
                    fixture.given(uploaded()),
                    new DeleteMediaCommand(PHOTO, null),
                    GLOBEX,
                    AggregateNotFoundException.class);
            assertThat(usage.bytes).isEqualTo(400);
        }
    }
}
