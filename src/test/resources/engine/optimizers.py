"""Expected values for OptimizerTest: the update rules of DLfS common/optimizer.py (SGD, Momentum, AdaGrad,
Adam) applied to a hand-made pair of parameter arrays, a 2x2 weight W (row-major) and a bias b.

Run with: python3 optimizers.py
"""
import numpy as np

np.set_printoptions(precision=17, floatmode="unique")

PARAMS = {"W": np.array([1.0, -2.0, 0.5, 3.0]), "b": np.array([0.1, -0.3])}
# One gradient per step, all different, so that the buffers' history matters.
GRADS = [
    {"W": np.array([0.2, -0.4, 1.5, -0.01]), "b": np.array([0.05, 0.3])},
    {"W": np.array([-0.1, 0.3, 1.0, 0.02]), "b": np.array([0.0, 0.25])},
    {"W": np.array([0.4, -0.2, -0.5, 0.03]), "b": np.array([-0.05, 0.2])},
]


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


def run(optimizer, steps):
    params = {key: val.copy() for key, val in PARAMS.items()}
    for step in range(steps):
        optimizer.update(params, GRADS[step])
    return params


for name, make in [("SGD lr=0.1", lambda: SGD(0.1)), ("Momentum lr=0.1", lambda: Momentum(0.1)),
                   ("AdaGrad lr=0.1", lambda: AdaGrad(0.1)), ("Adam lr=0.001", lambda: Adam(0.001))]:
    for steps in (1, 3):
        params = run(make(), steps)
        print(f"{name}, {steps} step(s):")
        for key, val in params.items():
            print(f"  {key} = {{{', '.join(repr(float(x)) for x in val)}}}")
