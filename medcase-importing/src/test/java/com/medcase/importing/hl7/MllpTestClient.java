package com.medcase.importing.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;

/** A plain MLLP sender on a real socket: frames messages, reads framed acknowledgements. */
public final class MllpTestClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpTestClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(60000);
        // buffered as any real sender's reader is: unbuffered, every byte of an acknowledgement was its own read(2),
        // and the bench's sender then spent more CPU than the listener it measures
        in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
        out = socket.getOutputStream();
    }

    public OutputStream output() {
        return out;
    }

    public static byte[] frame(byte[] message) {
        byte[] framed = new byte[message.length + 3];
        framed[0] = 0x0b;
        System.arraycopy(message, 0, framed, 1, message.length);
        framed[framed.length - 2] = 0x1c;
        framed[framed.length - 1] = 0x0d;
        return framed;
    }

    /** Writes already framed bytes in one write call (several messages in one TCP segment). */
    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public String send(String message, Charset charset) throws IOException {
        writeRaw(frame(message.getBytes(charset)));
        return readAck(charset);
    }

    public String readAck(Charset charset) throws IOException {
        int b;
        while ((b = in.read()) != 0x0b) {
            if (b < 0) {
                throw new IOException("connection closed before an acknowledgement");
            }
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1c) {
            if (b < 0) {
                throw new IOException("connection closed inside an acknowledgement");
            }
            ack.write(b);
        }
        in.read(); // trailing CR
        return ack.toString(charset);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
