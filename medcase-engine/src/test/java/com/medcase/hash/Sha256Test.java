package com.medcase.hash;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

    @Test
    void aStreamHashesAsItsBytesDoAcrossBlocks() throws IOException {
        byte[] content = new byte[200_000]; // more than three of the stream's blocks
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }

        assertThat(Sha256.hex(new ByteArrayInputStream(content))).isEqualTo(Sha256.hex(content));
        assertThat(Sha256.hex(new ByteArrayInputStream(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
