"""The first stage of spaCy's tok2vec, memoised per word: same output, computed once per distinct word.

The small English pipeline's tok2vec embeds each token from six of its attributes (NORM, PREFIX, SUFFIX,
SHAPE, SPACY, IS_SPACE) through hash embeddings and a maxout layer with layer normalisation, and only then
mixes in the neighbouring tokens (its window encoder). Everything before the encoder is a function of
those six attributes alone, so the vector of a word seen before is looked up instead of recomputed: news
repeats its words ("the", ",", "said", "Israel"), and this stage was a quarter of tok2vec's time.
"""

from __future__ import annotations

import numpy
from thinc.api import Model
from thinc.types import Floats2d

_EMBED_LAYERS = ("extract_features", "list2ragged", "with_array", "with_array", "ragged2list")


class EmbeddingMemo:
    """Rows of attributes → the embedding stage's output for them, for up to `capacity` distinct rows
    (then it starts afresh, which bounds its memory: 50,000 rows of 96 floats are 19 MB)."""

    def __init__(self, compute, width: int, capacity: int = 50_000) -> None:
        self.compute = compute  # (n, attributes) uint64 array -> (n, width) float32 array
        self.capacity = capacity
        self.index: dict[bytes, int] = {}  # attribute row, as bytes -> row of `table`
        self.table = numpy.empty((capacity, width), dtype=numpy.float32)

    def __call__(self, rows: numpy.ndarray) -> Floats2d:
        rows = numpy.ascontiguousarray(rows)
        keys = row_keys(rows)
        index = self.index
        distinct = dict.fromkeys(keys)
        new = [key for key in distinct if key not in index]
        if len(index) + len(new) > self.capacity:
            index.clear()
            new = list(distinct)
            if len(new) > self.capacity:  # more distinct words in one batch than the memo holds
                return self.compute(rows)
        if new:
            start = len(index)
            wanted = numpy.frombuffer(b"".join(new), dtype=rows.dtype).reshape(len(new), rows.shape[1])
            self.table[start : start + len(new)] = self.compute(wanted)
            index.update(zip(new, range(start, start + len(new)), strict=True))
        return self.table[list(map(index.__getitem__, keys))]


def row_keys(rows: numpy.ndarray) -> list[bytes]:
    """Each row of a 2-d array as bytes: a dict key made in C, with no tuple per row."""
    rows = numpy.ascontiguousarray(rows)
    return rows.view(numpy.dtype((numpy.void, rows.itemsize * rows.shape[1]))).ravel().tolist()


def memoise_embedding(tok2vec: Model) -> bool:
    """Put a memo in front of the embedding stage of a tok2vec model built as spaCy's small pipelines
    build it (`chain(embed, encode)`, embed being the layers in `_EMBED_LAYERS`). Returns whether it did:
    another architecture is left as it is."""
    embed = tok2vec.layers[0] if tok2vec.layers else None
    if embed is None or tuple(layer.name.split("(")[0] for layer in embed.layers) != _EMBED_LAYERS:
        return False
    features, _, hashes, mix, _ = embed.layers

    def compute(rows):
        return mix.predict(hashes.predict(rows))

    memo = EmbeddingMemo(compute, embed.get_dim("nO"))

    def forward(model: Model, docs, is_train: bool):
        if is_train:  # training needs the layers' own backward pass
            return embed(docs, is_train)
        arrays = features.predict(docs)
        lengths = [len(array) for array in arrays]
        if not sum(lengths):
            return embed(docs, is_train)
        vectors = memo(numpy.concatenate(arrays))
        return model.ops.unflatten(vectors, lengths), _inference_only

    memoised = Model(f"memoised({embed.name})", forward, layers=[embed], dims={"nO": embed.get_dim("nO")})
    memoised.attrs["memo"] = memo
    tok2vec.layers[0] = memoised
    return True


def _inference_only(_):
    raise NotImplementedError("the memoised embedding is for inference; train the model without it")
