"""Expected values of RecurrentCellParityTest.fixedWeightsGiveTheValuesNumpyComputes.

Keras's GRU (reset_after=True) and SimpleRNN, written with numpy from tf.keras 2's formulas (keras/layers/rnn/gru.py
standard_gru, simple_rnn.py SimpleRNNCell.call), on the fixed weights and inputs of that test; the post-padding
case applies keras.backend.rnn's masking (a masked step keeps the state and repeats the previous output), the
go_backwards case processes the steps from the last to the first and returns the outputs in that order.
Run: python3 keras_cells_reference.py (numpy only).
"""
import numpy as np

np.set_printoptions(precision=17)

x = np.array([[0.5, -1.0], [0.25, 0.75], [-0.5, 0.1]])  # [T, nIn], one review
mask = np.array([1.0, 1.0, 0.0])                         # post padding: the last step is masked


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def gru_step(xt, h, kernel, recurrent, bias):
    mx = xt @ kernel + bias[0]
    mi = h @ recurrent + bias[1]
    u = h.shape[0]
    z = sigmoid(mx[:u] + mi[:u])
    r = sigmoid(mx[u:2 * u] + mi[u:2 * u])
    hh = np.tanh(mx[2 * u:] + r * mi[2 * u:])
    return z * h + (1 - z) * hh


def simple_step(xt, h, kernel, recurrent, bias):
    return np.tanh(xt @ kernel + bias + h @ recurrent)


def rnn(step, units, m=None, go_backwards=False):
    order = range(len(x) - 1, -1, -1) if go_backwards else range(len(x))
    h = np.zeros(units)
    prev = np.zeros(units)
    out = []
    for t in order:
        new = step(x[t], h)
        if m is None or m[t] != 0:
            h = new
            prev = new
        out.append(prev)
    return np.array(out)


gru_kernel = np.array([[0.1, -0.2, 0.3, 0.05, -0.15, 0.25], [0.4, 0.2, -0.1, -0.3, 0.35, 0.15]])
gru_recurrent = np.array([[0.2, -0.1, 0.05, 0.3, -0.25, 0.1], [-0.05, 0.15, 0.2, -0.2, 0.1, 0.3]])
gru_bias = np.array([[0.01, -0.02, 0.03, 0.04, -0.05, 0.06], [-0.03, 0.02, 0.05, -0.01, 0.04, -0.06]])
simple_kernel = np.array([[0.3, -0.4], [0.2, 0.5]])
simple_recurrent = np.array([[0.6, -0.1], [0.25, 0.4]])
simple_bias = np.array([0.05, -0.1])

gru = lambda xt, h: gru_step(xt, h, gru_kernel, gru_recurrent, gru_bias)
simple = lambda xt, h: simple_step(xt, h, simple_kernel, simple_recurrent, simple_bias)
for name, step in (("GRU", gru), ("SimpleRNN", simple)):
    print(name, "unmasked:", repr(rnn(step, 2)))
    print(name, "post padding [1, 1, 0]:", repr(rnn(step, 2, mask)))
    print(name, "go_backwards:", repr(rnn(step, 2, None, True)))
