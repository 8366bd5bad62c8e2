package dev.schemaguard.internal.liquibase;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase's folder accessor, confined to the folder: an {@code include}, {@code includeAll} or
 * {@code sqlFile} that resolves outside it ({@code ../../etc/passwd}, an absolute path, a link out),
 * or to something that is not a regular file (a FIFO would block the boot, a device never end), is
 * refused before it is opened. The image's reviewed changelog is the folder's files, nothing else.
 */
final class ConfinedResourceAccessor implements ResourceAccessor {
    private final DirectoryResourceAccessor delegate;
    private final Path root;

    ConfinedResourceAccessor(Path folder) throws IOException {
        this.delegate = new DirectoryResourceAccessor(folder);
        this.root = folder.toRealPath();
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        return confined(path, delegate.search(path, recursive));
    }

    @Override
    public List<Resource> search(String path, SearchOptions options) throws IOException {
        return confined(path, delegate.search(path, options));
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        return confined(path, delegate.getAll(path));
    }

    @Override
    public List<String> describeLocations() {
        return delegate.describeLocations();
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }

    private List<Resource> confined(String path, List<Resource> found) throws IOException {
        if (found != null) {
            for (Resource resource : found) {
                check(path, resource.getUri());
            }
        }
        return found;
    }

    private void check(String path, URI uri) throws IOException {
        if (uri == null || !"file".equals(uri.getScheme())) {
            return;
        }
        Path file = Path.of(uri);
        if (!Files.exists(file)) {
            return; // Liquibase reports a missing file itself
        }
        Path real = file.toRealPath();
        if (!real.startsWith(root)) {
            throw new IOException("'" + path + "' resolves to " + real + ", outside the changelog folder " + root
                    + "; a changelog may include only files of its own folder");
        }
        if (!Files.isDirectory(real) && !Files.isRegularFile(real)) {
            throw new IOException("'" + path + "' is not a regular file; a changelog may include only files");
        }
    }
}
