"""Independent reference values for src/core/transferability and src/core/math/{linalg,rankCorrelation}.

Run: python3 scripts/reference/transferability.py > src/core/transferability/reference.json &&
     npx prettier --write src/core/transferability/reference.json
(numpy 2.4 and scipy 1.17 were used; the JSON holds the inputs and every expected value, so the tests need no
Python). Each value is computed the direct way, from the paper's formula or the authors' published code, with
d x d matrices where the TypeScript works in the N x N Gram space — so agreement checks the derivations too:
- eigen: numpy.linalg.eigh;
- LogME: the fixed-point loop of thuml/LogME `_fit_fixed_point` on numpy's SVD of the features, with the evidence
  summing ln(alpha + beta sigma) over all d prior directions (sigma = 0 beyond the rank), as `_fit_icml` does;
  cross-checked against `_fit_icml` itself (d x d SVD, its own stopping rule) to 2e-2;
- LEEP, NCE: the formulas of thuml/LogME LEEP.py / NCE.py (NCE with 0 log 0 = 0);
- H-score: Ledoit-Wolf shrinkage written from scikit-learn's `ledoit_wolf_shrinkage` with d x d matrices, then
  (1 - a) tr(pinv(cov_a) cov(E[f|y])) as Ibrahim et al. (2023);
- GBC: PCA by numpy SVD to 64 components, spherical Gaussians as google-research stable_transfer gbc.py;
- kNN: leave-one-out 1-NN on cosine similarity by brute force;
- MMD: unbiased estimate from scipy pdist distances, sigma = np.median(pdist);
- CORAL: ||np.cov(S) - np.cov(T)||_F^2 / (4 d^2);
- PAD classifier: primal ridge (d x d solve) with lambda picked by refitting n times for leave-one-out;
- Kendall tau-b and weighted tau: scipy.stats.kendalltau / weightedtau;
- CORAL alignment: (X_s - mean_s) (C_s + l I)^(-1/2) (C_t + l I)^(1/2) + mean_t with scipy's
  fractional_matrix_power, l = tr(C)/d.
"""
import json
import numpy as np
from scipy.spatial.distance import pdist, cdist
from scipy.stats import kendalltau, weightedtau

rng = np.random.default_rng(20261205)


def labelled(n_per_class, classes, dims, spread):
    labels = np.repeat(np.arange(classes), n_per_class)
    centres = rng.normal(0, spread, size=(classes, dims))
    features = centres[labels] + rng.normal(0, 1, size=(len(labels), dims))
    # Non-negative like ReLU features, with a common offset, as embeddings are.
    return np.abs(features + 0.5), labels


def logme(f, y):
    f = f.astype(np.float64)
    n, d = f.shape
    u, s, vh = np.linalg.svd(f, full_matrices=False)
    keep = s > 1e-5 * s[0]
    u, s = u[:, keep], s[keep]
    sigma = (s ** 2).reshape(-1, 1)
    evidences = []
    for c in range(int(y.max() + 1)):
        y_ = (y == c).astype(np.float64).reshape(-1, 1)
        x = u.T @ y_
        x2 = x ** 2
        res_x2 = (y_ ** 2).sum() - x2.sum()
        alpha, beta = 1.0, 1.0
        for _ in range(11):
            t = alpha / beta
            gamma = (sigma / (sigma + t)).sum()
            m2 = (sigma * x2 / ((t + sigma) ** 2)).sum()
            res2 = (x2 / ((1 + sigma / t) ** 2)).sum() + res_x2
            alpha = gamma / (m2 + 1e-5)
            beta = (n - gamma) / (res2 + 1e-5)
            if abs(alpha / beta - t) / t <= 1e-3:
                break
        # The prior spans all d directions: the d - k directions with sigma = 0 add ln(alpha) each to the sum.
        sigma_all = np.concatenate([sigma.ravel(), np.zeros(d - len(sigma))])
        evidence = (d / 2.0 * np.log(alpha) + n / 2.0 * np.log(beta) - 0.5 * np.sum(np.log(alpha + beta * sigma_all))
                    - beta / 2.0 * res2 - alpha / 2.0 * m2 - n / 2.0 * np.log(2 * np.pi))
        evidences.append(evidence / n)
    return float(np.mean(evidences))


def logme_icml(f, y):
    """thuml/LogME `_fit_icml` (the ICML 2021 paper's version: SVD of the d x d matrix f^T f, so all d
    directions count): a cross-check of the fixed-point value to the iterations' tolerance."""
    n, d = f.shape
    v, s, vh = np.linalg.svd(f.T @ f, full_matrices=True)
    evidences = []
    for c in range(int(y.max() + 1)):
        y_ = (y == c).astype(np.float64)
        alpha, beta = 1.0, 1.0
        lam = alpha / beta
        tmp = vh @ (f.T @ y_)
        for _ in range(11):
            gamma = (s / (s + lam)).sum()
            m = v @ (tmp * beta / (alpha + beta * s))
            alpha_de = (m * m).sum()
            alpha = gamma / (alpha_de + 1e-5)
            beta_de = ((y_ - f @ m) ** 2).sum()
            beta = (n - gamma) / (beta_de + 1e-5)
            new_lam = alpha / beta
            if np.abs(new_lam - lam) / lam < 0.01:
                break
            lam = new_lam
        evidence = (d / 2.0 * np.log(alpha) + n / 2.0 * np.log(beta) - 0.5 * np.sum(np.log(alpha + beta * s))
                    - beta / 2.0 * (beta_de + 1e-5) - alpha / 2.0 * (alpha_de + 1e-5) - n / 2.0 * np.log(2 * np.pi))
        evidences.append(evidence / n)
    return float(np.mean(evidences))


def leep(p, y):
    n, cs = p.shape
    ct = int(y.max() + 1)
    joint = np.zeros((ct, cs))
    for i in range(ct):
        joint[i] = (p[y == i] / n).sum(axis=0)
    cond = (joint / joint.sum(axis=0, keepdims=True)).T
    pred = p @ cond
    return float(np.mean(np.log(pred[np.arange(n), y])))


def nce(z, y):
    n = len(y)
    joint = np.zeros((int(y.max() + 1), int(z.max() + 1)))
    for zi, yi in zip(z, y):
        joint[yi, zi] += 1.0 / n
    pz = joint.sum(axis=0)
    total = 0.0
    for yi in range(joint.shape[0]):
        for zi in range(joint.shape[1]):
            if joint[yi, zi] > 0:
                total += joint[yi, zi] * np.log(joint[yi, zi] / pz[zi])
    return float(total)


def ledoit_wolf(x):
    n, d = x.shape
    x2 = x ** 2
    emp_cov_trace = x2.sum(axis=0) / n
    mu = emp_cov_trace.sum() / d
    beta_ = np.sum(x2.T @ x2)
    delta_ = np.sum((x.T @ x) ** 2) / n ** 2
    beta = 1.0 / (d * n) * (beta_ / n - delta_)
    delta = (delta_ - 2 * mu * emp_cov_trace.sum() + d * mu ** 2) / d
    beta = min(beta, delta)
    alpha = 0 if beta == 0 else beta / delta
    cov = (1 - alpha) * (x.T @ x / n) + alpha * mu * np.eye(d)
    return alpha, cov


def hscore(f, y):
    f = f - f.mean(axis=0, keepdims=True)
    alpha, cov = ledoit_wolf(f)
    g = np.zeros_like(f)
    for c in range(int(y.max() + 1)):
        g[y == c] = f[y == c].mean(axis=0)
    covg = np.cov(g, rowvar=False)
    return float(np.trace(np.linalg.pinv(cov, rcond=1e-15) @ ((1 - alpha) * covg))), float(alpha)


def gbc(f, y):
    fc = f - f.mean(axis=0)
    u, s, vh = np.linalg.svd(fc, full_matrices=False)
    k = min(64, int(np.sum(s > 1e-5 * s[0])))
    z = fc @ vh[:k].T
    stats = []
    for c in np.unique(y):
        zc = z[y == c]
        stats.append((zc.mean(axis=0), np.maximum(zc.var(axis=0), 1e-4).mean()))
    total = 0.0
    for a, (m1, s1) in enumerate(stats):
        for b, (m2, s2) in enumerate(stats):
            if a == b:
                continue
            avg = (s1 + s2) / 2
            db = np.sum((m1 - m2) ** 2 / avg) / 8 + 0.5 * (np.log(avg) - 0.5 * np.log(s1) - 0.5 * np.log(s2))
            total += np.exp(-db)
    return float(-total)


def knn(f, y):
    normed = f / np.linalg.norm(f, axis=1, keepdims=True)
    sim = normed @ normed.T
    np.fill_diagonal(sim, -np.inf)
    nearest = np.argmax(sim, axis=1)
    return int(np.sum(y[nearest] == y))


def mmd(s, t):
    z = np.vstack([s, t])
    sigma = np.median(pdist(z))
    k = lambda a, b: np.exp(-cdist(a, b, 'sqeuclidean') / (2 * sigma ** 2))
    m, n = len(s), len(t)
    kss, ktt, kst = k(s, s), k(t, t), k(s, t)
    value = ((kss.sum() - np.trace(kss)) / (m * (m - 1)) + (ktt.sum() - np.trace(ktt)) / (n * (n - 1))
             - 2 * kst.mean())
    return float(value), float(sigma)


def coral(s, t):
    d = s.shape[1]
    return float(np.sum((np.cov(s, rowvar=False) - np.cov(t, rowvar=False)) ** 2) / (4 * d * d))


def ridge_errors(z, is_source, train, test):
    grid = [1e-3, 1e-2, 1e-1, 1, 10, 100]
    x = z[train]
    y = np.where(is_source[train], 1.0, -1.0)
    mean = x.mean(axis=0)
    xc = x - mean
    scale = np.sum(xc ** 2) / len(train)

    def fit(xs, ys, lam):
        mu = xs.mean(axis=0)
        b = ys.mean()
        xs_c = xs - mu
        w = np.linalg.solve(xs_c.T @ xs_c + lam * np.eye(xs.shape[1]), xs_c.T @ (ys - b))
        return lambda q: b + (q - mu) @ w

    best = None
    for c in grid:
        lam = c * scale
        errors = 0
        for i in range(len(train)):
            keep = np.arange(len(train)) != i
            # Leave-one-out: refit intercept and weights without row i, on the features centred once by the
            # training mean (the closed form centres the Gram once; the refit intercept absorbs the rest).
            predict = fit(xc[keep], y[keep], lam)
            if np.sign(predict(xc[i])) != y[i]:
                errors += 1
        if best is None or errors <= best[1]:
            best = (lam, errors)
    lam = best[0]
    b = y.mean()
    w = np.linalg.solve(xc.T @ xc + lam * np.eye(x.shape[1]), xc.T @ (y - b))
    scores = b + (z[test] - mean) @ w
    truth = np.where(is_source[test], 1.0, -1.0)
    return int(np.sum(np.sign(scores) != truth)), float(best[0])


out = {}

# Eigen-decomposition of a fixed symmetric matrix.
a = rng.normal(size=(6, 6))
sym = (a + a.T) / 2
vals = np.linalg.eigh(sym)[0][::-1]
out['eigen'] = {'matrix': sym.tolist(), 'values': vals.tolist()}

for name, (per, classes, dims, spread) in {'tall': (20, 3, 8, 1.5), 'wide': (6, 4, 40, 0.6)}.items():
    f, y = labelled(per, classes, dims, spread)
    logits = rng.normal(size=(len(y), 5)) + 2.0 * np.eye(5)[y % 5]
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    h, alpha = hscore(f, y)
    assert abs(logme(f, y) - logme_icml(f, y)) < 2e-2, (name, logme(f, y), logme_icml(f, y))
    out[name] = {
        'features': f.tolist(), 'labels': y.tolist(), 'numClasses': classes,
        'sourceProbabilities': p.tolist(),
        'singularValues': np.linalg.svd(f, compute_uv=False).tolist(),
        'logme': logme(f, y), 'leep': leep(p, y), 'nce': nce(p.argmax(axis=1), y),
        'hscore': h, 'shrinkage': alpha, 'gbc': gbc(f, y), 'knnCorrect': knn(f, y),
    }

for name, (ns, nt, dims, shift) in {'shiftTall': (30, 25, 6, 0.8), 'shiftWide': (20, 18, 50, 0.3)}.items():
    s = rng.normal(size=(ns, dims))
    t = rng.normal(size=(nt, dims)) * 1.3 + shift
    z = np.vstack([s, t])
    is_source = np.arange(ns + nt) < ns
    train = list(range(0, ns, 2)) + list(range(ns, ns + nt, 2))
    test = [i for i in range(ns + nt) if i not in train]
    value, sigma = mmd(s, t)
    errors, lam = ridge_errors(z, is_source, np.array(train), np.array(test))
    out[name] = {
        'source': s.tolist(), 'target': t.tolist(), 'mmd2': value, 'bandwidth': sigma, 'coral': coral(s, t),
        'train': train, 'test': test, 'heldOutErrors': errors, 'lambda': lam,
    }

# CORAL alignment (src/core/adapt/coralAlign.ts): scipy's fractional matrix powers of the regularised covariances.
from scipy.linalg import fractional_matrix_power
cs_raw = rng.normal(size=(25, 5)) @ rng.normal(size=(5, 5))
ct_raw = rng.normal(size=(30, 5)) @ rng.normal(size=(5, 5)) + 2.0


def regularised_cov(x):
    c = np.cov(x, rowvar=False)
    return c + np.trace(c) / c.shape[0] * np.eye(c.shape[0])


transform = (fractional_matrix_power(regularised_cov(cs_raw), -0.5)
             @ fractional_matrix_power(regularised_cov(ct_raw), 0.5)).real
aligned = (cs_raw - cs_raw.mean(axis=0)) @ transform + ct_raw.mean(axis=0)
out['coralAlign'] = {'source': cs_raw.tolist(), 'target': ct_raw.tolist(), 'aligned': aligned.tolist()}

x = [0.3, 0.1, 0.9, 0.5, 0.5, 0.2, 0.8]
y = [0.2, 0.3, 0.7, 0.6, 0.1, 0.1, 0.9]
out['rank'] = {
    'x': x, 'y': y,
    'kendall': float(kendalltau(x, y).statistic),
    'weighted': float(weightedtau(x, y).statistic),
    'weightedNoTies': float(weightedtau([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]).statistic),
}

print(json.dumps(out))
