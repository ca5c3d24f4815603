package vn.congdoan.sangkien.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Flow;

/**
 * A minimal blocking HTTP/1.1 client: one keep-alive connection, each request written in one piece with Nagle's
 * algorithm off, as browsers and curl send small requests. The JDK's client writes a POST's headers and body
 * separately; on this machine the body then waits for the server's delayed acknowledgement of the headers, and a
 * benchmark measures that wait (about 40 ms a request) instead of the service. One instance per thread.
 */
final class RawHttp implements AutoCloseable {

    /** An answer: status and body. */
    record Answer(int status, byte[] body) {
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String connectedTo;

    Answer send(HttpRequest request) throws IOException {
        URI uri = request.uri();
        String hostPort = uri.getHost() + ":" + (uri.getPort() < 0 ? 80 : uri.getPort());
        byte[] body = request.bodyPublisher().map(RawHttp::bytes).orElse(new byte[0]);
        StringBuilder head = new StringBuilder(256);
        head.append(request.method()).append(' ').append(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(hostPort).append("\r\n");
        request.headers().map().forEach((name, values) -> values.forEach(
                v -> head.append(name).append(": ").append(v).append("\r\n")));
        if (body.length > 0 || !request.method().equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, message, 0, headBytes.length);
        System.arraycopy(body, 0, message, headBytes.length, body.length);
        int timeout = (int) request.timeout().map(d -> d.toMillis()).orElse(30_000L).longValue();
        boolean fresh = connect(uri, hostPort, timeout);
        try {
            return exchange(message);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            // a kept-alive connection the server had closed: once more on a new one
            connect(uri, hostPort, timeout);
            return exchange(message);
        }
    }

    private boolean connect(URI uri, String hostPort, int timeout) throws IOException {
        if (socket != null && hostPort.equals(connectedTo) && !socket.isClosed()) {
            socket.setSoTimeout(timeout);
            return false;
        }
        close();
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()), 5_000);
        socket.setSoTimeout(timeout);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
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
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                all.write(in.readNBytes(size));
                line();
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
            body = all.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
        } else if (code == 204 || code == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            close = true;
        }
        if (close) {
            close();
        }
        return new Answer(code, body);
    }

    /** A header line without its CRLF; {@code null} at the end of the stream. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
        if (line.length() == 0) {
            throw new IOException("Connection closed by the server");
        }
        return line.toString();
    }

    /** The bytes of a body publisher (the JDK's own publishers hand them over at once). */
    private static byte[] bytes(HttpRequest.BodyPublisher publisher) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                all.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                throw new IllegalStateException(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        return all.toByteArray();
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
    }
}
