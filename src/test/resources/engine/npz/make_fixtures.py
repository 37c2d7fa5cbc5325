"""Writes the small .npz files NpzReaderTest and WeightsFileTest read, and prints the values those tests expect.

Run from this folder with any Python 3 that has NumPy (Debian: apt-get install python3-numpy):
    python3 make_fixtures.py
np.savez stamps entries with 1980-01-01, so the output is byte-identical from run to run.
"""
import numpy as np

W1 = [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]
B1 = [0.01, 0.02, 0.03]
W2 = [[1.5, -2.25], [3.125, -0.7], [0.001, 42.0]]
B2 = [-0.5, 0.25]


def tiny(dtype):
    return dict(W1=np.array(W1, dtype), b1=np.array(B1, dtype), W2=np.array(W2, dtype), b2=np.array(B2, dtype))


def sevenths():
    """float64 values that no float32 holds, so a lossy read would show."""
    return dict(W1=np.arange(1, 7).reshape(2, 3) / 7, b1=np.array([-1 / 3, 2 / 3, 1e-300]),
                W2=np.arange(6).reshape(3, 2) * np.pi, b2=np.array([np.e, -1e300]))


np.savez("tiny-f32.npz", **tiny(np.float32))
np.savez("tiny-f64.npz", **sevenths())
np.savez_compressed("tiny-compressed.npz", **sevenths())
big = tiny(np.float32)
np.savez("big-endian.npz", W1=big["W1"].astype(">f4"), b1=big["b1"].astype(">f4"),
         W2=np.array(W2, ">f8"), b2=np.array(B2, ">f8"))
fortran = tiny(np.float64)
fortran["W1"] = np.asfortranarray(fortran["W1"])
np.savez("fortran.npz", **fortran)
np.savez("fortran-3d.npz", a=np.asfortranarray(np.arange(24.0).reshape(2, 3, 4)))
ints = tiny(np.float64)
ints["W1"] = np.array([[1, 2, 3], [4, 5, 6]], np.int64)
np.savez("int.npz", **ints)
objects = tiny(np.float64)
objects["W1"] = np.array([[1, "a", None], [4, 5, 6]], dtype=object)
np.savez("object.npz", allow_pickle=True, **objects)

np.set_printoptions(floatmode="unique")
for name in ["tiny-f32.npz", "tiny-f64.npz", "big-endian.npz"]:
    with np.load(name) as arrays:
        for key in arrays.files:
            a = arrays[key]
            print(name, key, a.dtype.str, a.shape, [repr(float(x)) for x in a.ravel()])
