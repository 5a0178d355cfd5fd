"""The GIL is released while Rust works: a thread pool gives the same results, in parallel."""

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import framediff

PAIR = [
    Path("fixtures/velayati-mekdad-2022/iran-front-page.txt"),
    Path("fixtures/velayati-mekdad-2022/al-ahed.txt"),
]


def test_thread_pool_results_equal_serial_ones():
    texts = [p.read_text() for p in PAIR]
    serial = framediff.compare(*texts).to_dict()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: framediff.compare(*texts).to_dict(), range(8)))
    assert all(r == serial for r in results)


def test_gil_is_released_while_rust_works():
    # a long input keeps Rust busy; a Python thread counting meanwhile proves the GIL is free
    text = (PAIR[0].read_text() + "\n\n") * 60
    ticks = 0
    done = False

    def count():
        nonlocal ticks
        while not done:
            ticks += 1
            time.sleep(0)

    with ThreadPoolExecutor(max_workers=1) as pool:
        fut = pool.submit(count)
        start = time.perf_counter()
        framediff.compare(text, text)
        elapsed = time.perf_counter() - start
        done = True
        fut.result()
    assert elapsed > 0.01
    assert ticks > 100
