/*
 * "Draw a digit": the book's logistic regression, run in the reader's browser.
 *
 * The page embeds the fitted model's parameters as JSON in
 * <script type="application/json" id="mnist-model">, written at build time by
 * mnist_tutorial.export_model. Everything here is plain JavaScript: no server, no network.
 *
 * window.mnistDraw exposes the pieces so they can be tested:
 *   classify(pixels784)  -> ten probabilities, softmax(coef . (x*mul + add) + intercept)
 *   preprocess(canvasOrInk) -> 784 grey levels 0..255, the MNIST preprocessing
 *                             (same arithmetic as mnist_tutorial.center_and_scale)
 *   inkFromCanvas(canvas) -> {height, width, data}: ink in [0, 1] from the alpha channel
 */
(function () {
  "use strict";

  var BOX = 20;
  var SIZE = 28;

  function roundHalfUp(x) {
    return Math.floor(x + 0.5);
  }

  function loadModel() {
    var node = document.getElementById("mnist-model");
    return node ? JSON.parse(node.textContent) : null;
  }

  function classify(pixels, model) {
    model = model || api.model;
    if (!model) throw new Error("no model on this page");
    if (pixels.length !== model.n_features) {
      throw new Error("pixels must have " + model.n_features + " values, got " + pixels.length);
    }
    var n = model.n_features;
    var scaled = new Float64Array(n);
    for (var j = 0; j < n; j++) {
      scaled[j] = pixels[j] * model.scale_mul[j] + model.scale_add[j];
    }
    var scores = model.intercept.map(function (b, k) {
      var row = model.coef[k];
      var z = 0;
      for (var j = 0; j < n; j++) z += row[j] * scaled[j];
      return z + b;
    });
    var top = Math.max.apply(null, scores);
    var exps = scores.map(function (z) { return Math.exp(z - top); });
    var total = exps.reduce(function (a, b) { return a + b; }, 0);
    return exps.map(function (e) { return e / total; });
  }

  function inkFromCanvas(canvas) {
    var ctx = canvas.getContext("2d");
    var rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    var data = new Array(canvas.width * canvas.height);
    for (var i = 0; i < data.length; i++) data[i] = rgba[4 * i + 3] / 255;
    return { height: canvas.height, width: canvas.width, data: data };
  }

  // (nOut x nIn) weights averaging nIn cells into nOut cells by overlap length.
  function areaWeights(nIn, nOut) {
    var step = nIn / nOut;
    var weights = [];
    for (var i = 0; i < nOut; i++) {
      var lo = i * step, hi = (i + 1) * step;
      var row = new Float64Array(nIn);
      for (var k = Math.floor(lo); k < Math.min(nIn, Math.ceil(hi)); k++) {
        var overlap = Math.min(hi, k + 1) - Math.max(lo, k);
        if (overlap > 0) row[k] = overlap / step;
      }
      weights.push(row);
    }
    return weights;
  }

  function preprocess(source) {
    var ink = source && source.getContext ? inkFromCanvas(source) : source;
    var H = ink.height, W = ink.width, d = ink.data;
    var out = new Array(SIZE * SIZE).fill(0);
    var r0 = H, r1 = -1, c0 = W, c1 = -1;
    for (var y = 0; y < H; y++) {
      for (var x = 0; x < W; x++) {
        if (d[y * W + x] > 0) {
          if (y < r0) r0 = y;
          if (y > r1) r1 = y;
          if (x < c0) c0 = x;
          if (x > c1) c1 = x;
        }
      }
    }
    if (r1 < 0) return out;
    var h = r1 - r0 + 1, w = c1 - c0 + 1;
    var factor = BOX / Math.max(h, w);
    var nh = Math.max(1, roundHalfUp(h * factor));
    var nw = Math.max(1, roundHalfUp(w * factor));
    var R = areaWeights(h, nh), C = areaWeights(w, nw);
    // tmp = R @ crop  (nh x w), then small = tmp @ C.T  (nh x nw)
    var tmp = [];
    for (var i = 0; i < nh; i++) {
      var row = new Float64Array(w);
      for (var k = 0; k < h; k++) {
        var rk = R[i][k];
        if (rk === 0) continue;
        var base = (r0 + k) * W + c0;
        for (var x2 = 0; x2 < w; x2++) row[x2] += rk * d[base + x2];
      }
      tmp.push(row);
    }
    var small = [];
    var mass = 0, my = 0, mx = 0;
    var colSums = new Float64Array(nw);
    for (var i2 = 0; i2 < nh; i2++) {
      var srow = new Float64Array(nw);
      var rowSum = 0;
      for (var j = 0; j < nw; j++) {
        var s = 0, cj = C[j];
        for (var x3 = 0; x3 < w; x3++) s += tmp[i2][x3] * cj[x3];
        srow[j] = s;
        rowSum += s;
        colSums[j] += s;
      }
      small.push(srow);
      mass += rowSum;
      my += i2 * rowSum;
    }
    for (var j2 = 0; j2 < nw; j2++) mx += j2 * colSums[j2];
    var centre = (SIZE - 1) / 2;
    var top = Math.min(Math.max(roundHalfUp(centre - my / mass), 0), SIZE - nh);
    var left = Math.min(Math.max(roundHalfUp(centre - mx / mass), 0), SIZE - nw);
    for (var i3 = 0; i3 < nh; i3++) {
      for (var j3 = 0; j3 < nw; j3++) out[(top + i3) * SIZE + left + j3] = small[i3][j3] * 255;
    }
    return out;
  }

  var api = {
    model: null,
    classify: classify,
    preprocess: preprocess,
    inkFromCanvas: inkFromCanvas,
    ready: false,
  };
  window.mnistDraw = api;

  function setUp(root) {
    var pad = root.querySelector(".mnist-draw-pad canvas");
    var seen = root.querySelector(".mnist-draw-seen canvas");
    var bars = root.querySelector(".mnist-draw-bars");
    var guess = root.querySelector(".mnist-draw-guess");
    var clear = root.querySelector(".mnist-draw-clear");
    var ctx = pad.getContext("2d", { willReadFrequently: true });
    var drawing = false, last = null, pending = false;

    var barEls = api.model.classes.map(function (label) {
      var row = document.createElement("div");
      row.className = "mnist-draw-bar";
      row.innerHTML =
        '<span class="mnist-draw-label">' + label + "</span>" +
        '<span class="mnist-draw-track"><span class="mnist-draw-fill"></span></span>' +
        '<span class="mnist-draw-value">0%</span>';
      bars.appendChild(row);
      return row;
    });

    function point(e) {
      var rect = pad.getBoundingClientRect();
      return {
        x: ((e.clientX - rect.left) * pad.width) / rect.width,
        y: ((e.clientY - rect.top) * pad.height) / rect.height,
      };
    }

    function stroke(p) {
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.lineWidth = pad.width / 12;
      ctx.strokeStyle = "#000";
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      ctx.lineTo(p.x + (p.x === last.x && p.y === last.y ? 0.01 : 0), p.y);
      ctx.stroke();
      last = p;
    }

    function update() {
      pending = false;
      var pixels = preprocess(pad);
      api.lastPixels = pixels;
      var sctx = seen.getContext("2d");
      var img = sctx.createImageData(SIZE, SIZE);
      for (var i = 0; i < pixels.length; i++) {
        var v = 255 - Math.round(pixels[i]);
        img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v;
        img.data[4 * i + 3] = 255;
      }
      sctx.putImageData(img, 0, 0);
      var empty = pixels.every(function (v) { return v === 0; });
      var probs = empty ? api.model.classes.map(function () { return 0; }) : classify(pixels);
      api.lastProbabilities = empty ? null : probs;
      var best = 0;
      probs.forEach(function (p, k) {
        if (p > probs[best]) best = k;
        barEls[k].querySelector(".mnist-draw-fill").style.width = (100 * p).toFixed(1) + "%";
        barEls[k].querySelector(".mnist-draw-value").textContent = (100 * p).toFixed(1) + "%";
        barEls[k].classList.remove("mnist-draw-best");
      });
      if (empty) {
        guess.textContent = "Draw a digit in the box.";
      } else {
        barEls[best].classList.add("mnist-draw-best");
        guess.textContent =
          "The model reads a " + api.model.classes[best] + " (" + (100 * probs[best]).toFixed(1) + "%).";
      }
      api.lastGuess = empty ? null : api.model.classes[best];
    }

    function schedule() {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }

    pad.addEventListener("pointerdown", function (e) {
      e.preventDefault();
      drawing = true;
      if (pad.setPointerCapture) {
        try { pad.setPointerCapture(e.pointerId); } catch (err) { /* synthetic pointer */ }
      }
      last = point(e);
      stroke(last);
      schedule();
    });
    pad.addEventListener("pointermove", function (e) {
      if (!drawing) return;
      e.preventDefault();
      stroke(point(e));
      schedule();
    });
    function stop() {
      if (drawing) {
        drawing = false;
        update();
      }
    }
    pad.addEventListener("pointerup", stop);
    pad.addEventListener("pointercancel", stop);
    clear.addEventListener("click", function () {
      ctx.clearRect(0, 0, pad.width, pad.height);
      update();
    });
    api.update = update;
    api.clear = function () { clear.click(); };
    update();
  }

  function init() {
    api.model = loadModel();
    var root = document.getElementById("mnist-draw");
    if (root && api.model) setUp(root);
    api.ready = true;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
