package dev.schemaguard.sqlite.internal.integrity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/** Passes reads through and counts the bytes, to prove a probe reads only what it claims. */
final class CountingChannel implements SeekableByteChannel {
    private final SeekableByteChannel delegate;
    private final AtomicLong bytesRead;

    CountingChannel(SeekableByteChannel delegate, AtomicLong bytesRead) {
        this.delegate = delegate;
        this.bytesRead = bytesRead;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = delegate.read(dst);
        if (n > 0) {
            bytesRead.addAndGet(n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException("the probe must not write");
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new UnsupportedOperationException("the probe must not write");
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
