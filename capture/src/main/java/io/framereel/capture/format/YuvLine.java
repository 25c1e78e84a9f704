package io.framereel.capture.format;

/**
 * Where one line's YUV samples are in a source buffer (see {@link YuvSampling#locate}): a reusable cursor, so
 * walking a frame's lines allocates nothing. Not thread-safe.
 */
final class YuvLine {
    int luma;
    int lumaStep;
    int u;
    int v;
    int chromaStep;

    void set(int luma, int lumaStep, int u, int v, int chromaStep) {
        this.luma = luma;
        this.lumaStep = lumaStep;
        this.u = u;
        this.v = v;
        this.chromaStep = chromaStep;
    }
}
