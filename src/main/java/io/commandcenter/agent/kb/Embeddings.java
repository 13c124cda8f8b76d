package io.commandcenter.agent.kb;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/** The bundled all-MiniLM-L6-v2 model; loading takes a few seconds, so once per JVM and only when needed. */
public final class Embeddings {

    private static volatile EmbeddingModel model;

    private Embeddings() {
    }

    public static EmbeddingModel model() {
        if (model == null) {
            synchronized (Embeddings.class) {
                if (model == null) {
                    model = new AllMiniLmL6V2EmbeddingModel();
                }
            }
        }
        return model;
    }

    public static float[] embed(String text) {
        return model().embed(text).content().vector();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
