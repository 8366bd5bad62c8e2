package dev.schemaguard.internal.boot;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A caller's listener that cannot break the boot: what it throws is logged, once per kind of call. */
public final class SafeListener implements BootListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.schemaguard");
    private final BootListener listener;
    private volatile boolean progressFailed;

    private SafeListener(BootListener listener) {
        this.listener = listener;
    }

    public static BootListener wrap(BootListener listener) {
        return listener == null || listener == BootListener.NONE ? BootListener.NONE : new SafeListener(listener);
    }

    @Override
    public void progress(String bootId, String phase, String status) {
        try {
            listener.progress(bootId, phase, status);
        } catch (RuntimeException e) {
            if (!progressFailed) {
                progressFailed = true; // a heartbeat every few seconds must not repeat the same warning
                LOG.warn("a boot listener failed on progress (the boot goes on): {}", e.getMessage());
            }
        }
    }

    @Override
    public void verdict(BootReport report) {
        try {
            listener.verdict(report);
        } catch (RuntimeException e) {
            LOG.warn("a boot listener failed on the verdict (the verdict stands): {}", e.getMessage());
        }
    }
}
