package vn.congdoan.sangkien.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal blocking HTTP/1.1 client: one keep-alive connection, each request written in one piece with Nagle's
 * algorithm off, as browsers and curl send small requests. The JDK's client writes a POST's headers and body
 * separately; on this machine the body then waits for the server's delayed acknowledgement of the headers, and a
 * benchmark measures that wait (about 40 ms a request) instead of the service. One instance per thread.
 * <p>
 * The generator shares the machine with the system it measures, so what it spends per request is taken from the
 * services: requests are encoded once into their bytes ({@link Request}), and answers are parsed from a buffer of
 * its own, without a lock or an object per byte.
 */
final class RawHttp implements AutoCloseable {

    /** An answer: status and body. */
    record Answer(int status, byte[] body) {
    }

    /** A request as it goes on the wire, to host:port. */
    record Request(String host, int port, byte[] message, int timeoutMillis) {

        static Request of(String method, URI uri, Map<String, List<String>> headers, byte[] body, int timeoutMillis) {
            return Head.of(method, uri, headers, timeoutMillis).with(body);
        }
    }

    /**
     * The start of requests to one URI with the same headers, encoded once; {@link #with} completes one with its body
     * (given in parts, so that a body made of fixed pieces and a few varying ones is copied once).
     */
    record Head(String host, int port, byte[] bytes, boolean sendsLength, int timeoutMillis) {

        static Head of(String method, URI uri, Map<String, List<String>> headers, int timeoutMillis) {
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            StringBuilder head = new StringBuilder(256);
            head.append(method).append(' ').append(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                    ? "/" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                head.append('?').append(uri.getRawQuery());
            }
            head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(port).append("\r\n");
            headers.forEach((name, values) -> values.forEach(
                    v -> head.append(name).append(": ").append(v).append("\r\n")));
            return new Head(uri.getHost(), port, head.toString().getBytes(StandardCharsets.UTF_8),
                    !method.equals("GET"), timeoutMillis);
        }

        Request with(byte[]... body) {
            int length = 0;
            for (byte[] part : body) {
                length += part.length;
            }
            String end = length > 0 || sendsLength ? "Content-Length: " + length + "\r\n\r\n" : "\r\n";
            byte[][] parts = new byte[body.length + 2][];
            parts[0] = bytes;
            parts[1] = end.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(body, 0, parts, 2, body.length);
            return new Request(host, port, concat(parts), timeoutMillis);
        }
    }

    /** The parts one after the other, in one array. */
    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String connectedTo;

    Answer send(Request request) throws IOException {
        boolean fresh = connect(request);
        try {
            return exchange(request.message());
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            // a kept-alive connection the server had closed: once more on a new one
            connect(request);
            return exchange(request.message());
        }
    }

    private boolean connect(Request request) throws IOException {
        String hostPort = request.host() + ":" + request.port();
        if (socket != null && hostPort.equals(connectedTo) && !socket.isClosed()) {
            socket.setSoTimeout(request.timeoutMillis());
            return false;
        }
        close();
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(request.host(), request.port()), 5_000);
        socket.setSoTimeout(request.timeoutMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
        position = 0;
        limit = 0;
        connectedTo = hostPort;
        return true;
    }

    private Answer exchange(byte[] message) throws IOException {
        out.write(message);
        out.flush();
        String status = line();
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String value = header.substring(colon + 1).trim();
            if (named(header, colon, "content-length")) {
                length = Long.parseLong(value);
            } else if (named(header, colon, "transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            } else if (named(header, colon, "connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = chunkSize(line()); size > 0; size = chunkSize(line())) {
                all.writeBytes(bytes(size));
                line();
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
            body = all.toByteArray();
        } else if (length >= 0) {
            body = bytes((int) length);
        } else if (code == 204 || code == 304) {
            body = new byte[0];
        } else {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(buffer, position, limit - position);
            position = limit;
            all.writeBytes(in.readAllBytes());
            body = all.toByteArray();
            close = true;
        }
        if (close) {
            close();
        }
        return new Answer(code, body);
    }

    private static boolean named(String header, int colon, String name) {
        return colon == name.length() && header.regionMatches(true, 0, name, 0, colon);
    }

    private static int chunkSize(String line) {
        int semicolon = line.indexOf(';');
        return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    /** Reads more of the answer into the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        position = 0;
        limit = 0;
        int n = in.read(buffer);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    /** A header line without its CRLF (header lines are ASCII). */
    private String line() throws IOException {
        StringBuilder carried = null;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    if (carried == null) {
                        return part;
                    }
                    carried.append(part);
                    int last = carried.length() - 1;
                    if (end == i && last >= 0 && carried.charAt(last) == '\r') {
                        carried.setLength(last);
                    }
                    return carried.toString();
                }
            }
            if (carried == null) {
                carried = new StringBuilder(128);
            }
            carried.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
            if (!fill()) {
                if (carried.length() == 0) {
                    throw new IOException("Connection closed by the server");
                }
                return carried.toString();
            }
        }
    }

    /** The next {@code length} bytes of the answer. */
    private byte[] bytes(int length) throws IOException {
        byte[] result = new byte[length];
        int buffered = Math.min(length, limit - position);
        System.arraycopy(buffer, position, result, 0, buffered);
        position += buffered;
        int read = buffered;
        while (read < length) {
            int n = in.read(result, read, length - read);
            if (n < 0) {
                throw new IOException("Connection closed by the server after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return result;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
        position = 0;
        limit = 0;
    }
}
