package dev.tenantcore.infra.mail.smtp;

import dev.tenantcore.infra.mail.SenderSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Open SMTP connections kept for the next mail of the same sender: a connection costs a TCP
 * (and TLS) handshake, a greeting, EHLO and AUTH, which for a burst of mails (an order's or a lead's
 * mails, a queue after an outage) is most of the work. A connection is keyed by everything that
 * opened it, secret included, so a changed password or host never reuses an old one; one left idle
 * longer than {@code maxIdle} is closed rather than reused, and every reused one is checked with a
 * NOOP first (a server may have dropped it). Only the connection is shared: each mail is still its
 * own SMTP transaction, and a mail that fails on a connection closes it.
 */
final class SmtpConnections {

    /** What opened a connection. */
    record Key(String host, Integer port, String security, String username, String secret) {

        static Key of(SenderSettings sender) {
            return new Key(
                    sender.smtpHost(),
                    sender.smtpPort(),
                    sender.smtpSecurity(),
                    sender.smtpUsername(),
                    sender.secret());
        }

        @Override
        public String toString() {
            return "Key[" + host + ":" + port + "]";
        }
    }

    /** A connection and the session it belongs to (messages are built in that session). */
    record Open(Session session, Transport transport) {}

    private record Idle(Open open, long since) {}

    private final Map<Key, Deque<Idle>> idle = new HashMap<>();
    private final int maxIdlePerKey;
    private final long maxIdleNanos;

    SmtpConnections(int maxIdlePerKey, Duration maxIdle) {
        this.maxIdlePerKey = maxIdlePerKey;
        this.maxIdleNanos = maxIdle.toNanos();
    }

    /** An idle connection for {@code key} that still answers, or null. */
    Open take(Key key) {
        while (true) {
            Idle candidate;
            synchronized (this) {
                Deque<Idle> waiting = idle.get(key);
                candidate = waiting == null ? null : waiting.pollFirst();
            }
            if (candidate == null) {
                return null;
            }
            boolean fresh = System.nanoTime() - candidate.since() < maxIdleNanos;
            // isConnected() sends a NOOP: a connection the server closed is not reused.
            if (fresh && candidate.open().transport().isConnected()) {
                return candidate.open();
            }
            close(candidate.open());
        }
    }

    /** Keeps {@code open} for the next mail of {@code key}, or closes it when enough are kept. */
    void giveBack(Key key, Open open) {
        boolean kept;
        synchronized (this) {
            Deque<Idle> waiting = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            kept = waiting.size() < maxIdlePerKey;
            if (kept) {
                waiting.addFirst(new Idle(open, System.nanoTime()));
            }
        }
        if (!kept) {
            close(open);
        }
    }

    /** Closes connections idle longer than allowed; run now and then so none lingers at the server. */
    void closeStale() {
        List<Open> stale = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Deque<Idle> waiting : idle.values()) {
                waiting.removeIf(i -> {
                    boolean old = now - i.since() >= maxIdleNanos;
                    if (old) {
                        stale.add(i.open());
                    }
                    return old;
                });
            }
            idle.values().removeIf(Deque::isEmpty);
        }
        stale.forEach(SmtpConnections::close);
    }

    void closeAll() {
        List<Open> all = new ArrayList<>();
        synchronized (this) {
            idle.values().forEach(waiting -> waiting.forEach(i -> all.add(i.open())));
            idle.clear();
        }
        all.forEach(SmtpConnections::close);
    }

    static void close(Open open) {
        try {
            open.transport().close();
        } catch (MessagingException e) {
            // Closing is QUIT on a connection we give up on; the server may already have gone.
        }
    }
}
