// The EM step-through page. Reads window.emTrace (written by `em viz`), draws the current
// iteration on canvases and animates between iterations. No libraries, no network.
(function () {
  'use strict';

  var T = window.emTrace;
  var LAST = T.iterations.length - 1;
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#bcbd22', '#7f7f7f'];
  var RGB = COLORS.map(function (c) {
    return [parseInt(c.substr(1, 2), 16), parseInt(c.substr(3, 2), 16), parseInt(c.substr(5, 2), 16)];
  });
  var ANIMATION_MS = 450;
  var PLAY_STEP_MS = 750;

  var el = function (id) { return document.getElementById(id); };
  var current = 0;         // the iteration shown (texts); the drawing animates towards it
  var frame = null;        // the drawn (possibly interpolated) state
  var animation = null;    // {from, to, start}
  var playTimer = null;

  // ------------------------------------------------------------------ numbers

  function color(j) { return COLORS[j % COLORS.length]; }

  function blend(weights) {
    var r = 0, g = 0, b = 0, s = 0;
    for (var j = 0; j < weights.length; j++) {
      var w = weights[j], c = RGB[j % RGB.length];
      r += w * c[0]; g += w * c[1]; b += w * c[2]; s += w;
    }
    if (!(s > 0)) { return 'rgb(150,150,150)'; }
    return 'rgb(' + Math.round(r / s) + ',' + Math.round(g / s) + ',' + Math.round(b / s) + ')';
  }

  function fmt(x) {
    if (!isFinite(x)) { return String(x); }
    if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) { return x.toExponential(3); }
    return String(Number(x.toPrecision(4)));
  }

  function lerp(a, b, t) {
    if (typeof a === 'number') { return a + (b - a) * t; }
    if (Array.isArray(a)) {
      var out = new Array(a.length);
      for (var i = 0; i < a.length; i++) { out[i] = lerp(a[i], b[i], t); }
      return out;
    }
    var obj = {};
    Object.keys(a).forEach(function (key) { obj[key] = lerp(a[key], b[key], t); });
    return obj;
  }

  function ease(t) { return t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2; }

  function niceTicks(lo, hi, count, integer) {
    var span = hi - lo;
    if (!(span > 0)) { return [lo]; }
    var step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var err = span / count / step;
    if (err >= 7.5) { step *= 10; } else if (err >= 3.5) { step *= 5; } else if (err >= 1.5) { step *= 2; }
    if (integer) { step = Math.max(1, Math.round(step)); }
    var ticks = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
    }
    return ticks;
  }

  function range(values, pad) {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < values.length; i++) {
      if (values[i] < lo) { lo = values[i]; }
      if (values[i] > hi) { hi = values[i]; }
    }
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    var p = (hi - lo) * pad;
    return [lo - p, hi + p];
  }

  // ------------------------------------------------------------------ canvases

  function prepare(canvas, cssHeight) {
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth || canvas.parentNode.clientWidth || 600;
    canvas.style.height = cssHeight + 'px';
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(cssHeight * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(cssHeight * ratio);
    }
    var ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, cssHeight);
    return {ctx: ctx, w: width, h: cssHeight};
  }

  // options: {xInteger, yInteger, noY}
  function axes(ctx, box, xr, yr, xLabel, yLabel, options) {
    options = options || {};
    ctx.save();
    ctx.strokeStyle = '#999';
    ctx.fillStyle = '#555';
    ctx.lineWidth = 1;
    ctx.font = '11px system-ui, sans-serif';
    ctx.beginPath();
    ctx.moveTo(box.x0, box.y0); ctx.lineTo(box.x0, box.y1); ctx.lineTo(box.x1, box.y1);
    ctx.stroke();
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    niceTicks(xr[0], xr[1], Math.max(3, Math.floor((box.x1 - box.x0) / 80)), options.xInteger).forEach(function (v) {
      var x = box.sx(v);
      if (x < box.x0 - 0.5 || x > box.x1 + 0.5) { return; }
      ctx.beginPath(); ctx.moveTo(x, box.y1); ctx.lineTo(x, box.y1 + 4); ctx.stroke();
      ctx.fillText(fmt(v), x, box.y1 + 6);
    });
    if (!options.noY) {
      ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
      var yCount = options.yInteger ? Math.ceil(yr[1] - yr[0]) : Math.max(3, Math.floor((box.y1 - box.y0) / 50));
      niceTicks(yr[0], yr[1], yCount, options.yInteger).forEach(function (v) {
        var y = box.sy(v);
        if (y < box.y0 - 0.5 || y > box.y1 + 0.5) { return; }
        ctx.beginPath(); ctx.moveTo(box.x0 - 4, y); ctx.lineTo(box.x0, y); ctx.stroke();
        ctx.fillText(fmt(v), box.x0 - 6, y);
      });
    }
    ctx.fillStyle = '#333';
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'center'; ctx.textBaseline = 'bottom';
    if (xLabel) { ctx.fillText(xLabel, (box.x0 + box.x1) / 2, box.y1 + 36); }
    if (yLabel) {
      ctx.translate(box.x0 - 44, (box.y0 + box.y1) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = 'top';
      ctx.fillText(yLabel, 0, 0);
    }
    ctx.restore();
  }

  function makeBox(w, h, left, right, top, bottom, xr, yr) {
    var box = {x0: left, x1: w - right, y0: top, y1: h - bottom};
    box.sx = function (v) { return box.x0 + (v - xr[0]) / (xr[1] - xr[0]) * (box.x1 - box.x0); };
    box.sy = function (v) { return box.y1 - (v - yr[0]) / (yr[1] - yr[0]) * (box.y1 - box.y0); };
    return box;
  }

  // ------------------------------------------------------------------ GMM views

  var gmm = {};

  gmm.frame = function (i) {
    var it = T.iterations[i];
    var d = T.dimension, a = T.axes[0], b = d >= 2 ? T.axes[1] : 0;
    return {
      weights: it.weights,
      mu: it.means.map(function (m) { return d >= 2 ? [m[a], m[b]] : [m[0]]; }),
      cov: it.covariances.map(function (c) { return d >= 2 ? [c[a][a], c[a][b], c[b][b]] : [c[0][0]]; }),
      resp: it.responsibilities
    };
  };

  gmm.setup = function () {
    var d = T.dimension;
    var xs = T.data.map(function (p) { return p[T.axes[0]]; });
    gmm.xr = range(xs, d >= 2 ? 0.08 : 0.15);
    if (d >= 2) {
      gmm.yr = range(T.data.map(function (p) { return p[T.axes[1]]; }), 0.08);
    } else {
      // One y scale for every iteration: the largest mixture density over the trace, but never more
      // than four times the final one (a collapsing component would flatten everything else).
      var peak = function (i) {
        var f = gmm.frame(i), best = 0;
        for (var s = 0; s <= 200; s++) {
          var x = gmm.xr[0] + (gmm.xr[1] - gmm.xr[0]) * s / 200, sum = 0;
          for (var j = 0; j < f.weights.length; j++) { sum += f.weights[j] * normal(x, f.mu[j][0], f.cov[j][0]); }
          if (sum > best) { best = sum; }
        }
        return best;
      };
      var finalPeak = peak(LAST), top = finalPeak;
      for (var i = 0; i < LAST; i++) { top = Math.max(top, Math.min(peak(i), 4 * finalPeak)); }
      gmm.yr = [0, top * 1.12];
    }
    var legend = '';
    for (var j = 0; j < T.components; j++) {
      legend += '<span><i class="swatch" style="background:' + color(j) + '"></i>component ' + (j + 1) + '</span>';
    }
    legend += d >= 2 ? '<span>points: colour = responsibility blend</span><span>solid: 1&sigma;, dashed: 2&sigma;</span>'
      : '<span>black dashed: mixture density; coloured: &pi;<sub>j</sub> N(x | &mu;<sub>j</sub>, &sigma;<sub>j</sub>&sup2;)</span>'
        + '<span>points: colour = responsibility blend</span>';
    el('legend').innerHTML = legend;
  };

  function normal(x, mu, variance) {
    return Math.exp(-0.5 * (x - mu) * (x - mu) / variance) / Math.sqrt(2 * Math.PI * variance);
  }

  gmm.draw = function (f) {
    var canvas = el('plot');
    var c = prepare(canvas, Math.max(320, Math.min(560, Math.round(canvas.clientWidth * 0.62))));
    var ctx = c.ctx;
    var box = makeBox(c.w, c.h, 62, 16, 14, 46, gmm.xr, gmm.yr);
    var names = T.columns;
    if (T.dimension >= 2) {
      axes(ctx, box, gmm.xr, gmm.yr, names[T.axes[0]], names[T.axes[1]]);
      draw2d(ctx, box, f);
    } else {
      axes(ctx, box, gmm.xr, gmm.yr, names[0], 'density');
      draw1d(ctx, box, f);
    }
  };

  function draw1d(ctx, box, f) {
    var k = f.weights.length, steps = Math.max(200, Math.round(box.x1 - box.x0));
    ctx.save();
    ctx.beginPath(); ctx.rect(box.x0, box.y0 - 2, box.x1 - box.x0, box.y1 - box.y0 + 2); ctx.clip();
    var mixture = new Array(steps + 1).fill(0);
    for (var j = 0; j < k; j++) {
      ctx.beginPath();
      for (var s = 0; s <= steps; s++) {
        var x = gmm.xr[0] + (gmm.xr[1] - gmm.xr[0]) * s / steps;
        var y = f.weights[j] * normal(x, f.mu[j][0], f.cov[j][0]);
        mixture[s] += y;
        if (s === 0) { ctx.moveTo(box.sx(x), box.sy(y)); } else { ctx.lineTo(box.sx(x), box.sy(y)); }
      }
      ctx.strokeStyle = color(j); ctx.lineWidth = 2; ctx.stroke();
      ctx.lineTo(box.x1, box.y1); ctx.lineTo(box.x0, box.y1); ctx.closePath();
      ctx.globalAlpha = 0.10; ctx.fillStyle = color(j); ctx.fill(); ctx.globalAlpha = 1;
      ctx.setLineDash([4, 4]); ctx.strokeStyle = color(j); ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(box.sx(f.mu[j][0]), box.y1); ctx.lineTo(box.sx(f.mu[j][0]), box.y0); ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.beginPath();
    for (var t = 0; t <= steps; t++) {
      var xt = gmm.xr[0] + (gmm.xr[1] - gmm.xr[0]) * t / steps;
      if (t === 0) { ctx.moveTo(box.sx(xt), box.sy(mixture[t])); } else { ctx.lineTo(box.sx(xt), box.sy(mixture[t])); }
    }
    ctx.setLineDash([7, 4]); ctx.strokeStyle = '#222'; ctx.lineWidth = 2; ctx.stroke(); ctx.setLineDash([]);
    ctx.restore();
    var n = T.data.length, r = n <= 50 ? 7 : n <= 500 ? 4 : 2.5;
    for (var i = 0; i < n; i++) {
      var jitter = n <= 50 ? 0 : ((i * 2654435761) % 1000) / 1000 - 0.5;
      var px = box.sx(T.data[i][0]), py = box.y1 - r - 3 - (jitter + 0.5) * (n <= 50 ? 0 : 14);
      ctx.beginPath(); ctx.arc(px, py, r, 0, 2 * Math.PI);
      ctx.fillStyle = blend(f.resp[i]); ctx.globalAlpha = 0.9; ctx.fill(); ctx.globalAlpha = 1;
      if (n <= 500) { ctx.strokeStyle = '#fff'; ctx.lineWidth = 1; ctx.stroke(); }
    }
  }

  function draw2d(ctx, box, f) {
    var n = T.data.length, a = T.axes[0], b = T.axes[1], r = n <= 300 ? 3.6 : n <= 1000 ? 2.8 : 2.1;
    ctx.save();
    ctx.beginPath(); ctx.rect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0); ctx.clip();
    for (var i = 0; i < n; i++) {
      ctx.beginPath(); ctx.arc(box.sx(T.data[i][a]), box.sy(T.data[i][b]), r, 0, 2 * Math.PI);
      ctx.fillStyle = blend(f.resp[i]); ctx.globalAlpha = 0.85; ctx.fill();
    }
    ctx.globalAlpha = 1;
    for (var j = 0; j < f.weights.length; j++) {
      var cov = f.cov[j], mu = f.mu[j];
      // eigen-decomposition of the symmetric 2x2 [[p, q], [q, s]]
      var p = cov[0], q = cov[1], s = cov[2];
      var mean = (p + s) / 2, diff = Math.sqrt(Math.max(0, (p - s) * (p - s) / 4 + q * q));
      var l1 = Math.max(mean + diff, 0), l2 = Math.max(mean - diff, 0);
      var theta = Math.abs(q) < 1e-300 && p >= s ? 0 : Math.atan2(l1 - p, q);
      if (Math.abs(q) < 1e-300 && p < s) { theta = Math.PI / 2; }
      var ct = Math.cos(theta), st = Math.sin(theta);
      [1, 2].forEach(function (scale) {
        ctx.beginPath();
        for (var u = 0; u <= 96; u++) {
          var ang = 2 * Math.PI * u / 96;
          var e1 = scale * Math.sqrt(l1) * Math.cos(ang), e2 = scale * Math.sqrt(l2) * Math.sin(ang);
          var x = mu[0] + e1 * ct - e2 * st, y = mu[1] + e1 * st + e2 * ct;
          if (u === 0) { ctx.moveTo(box.sx(x), box.sy(y)); } else { ctx.lineTo(box.sx(x), box.sy(y)); }
        }
        ctx.closePath();
        ctx.setLineDash(scale === 1 ? [] : [6, 4]);
        ctx.strokeStyle = '#fff'; ctx.lineWidth = 4; ctx.stroke();
        ctx.strokeStyle = color(j); ctx.lineWidth = 2; ctx.stroke();
      });
      ctx.setLineDash([]);
      var mx = box.sx(mu[0]), my = box.sy(mu[1]);
      ctx.beginPath(); ctx.moveTo(mx - 7, my); ctx.lineTo(mx + 7, my); ctx.moveTo(mx, my - 7); ctx.lineTo(mx, my + 7);
      ctx.strokeStyle = '#fff'; ctx.lineWidth = 5; ctx.stroke();
      ctx.strokeStyle = color(j); ctx.lineWidth = 2.5; ctx.stroke();
    }
    ctx.restore();
  }

  gmm.params = function (i) {
    var it = T.iterations[i], d = T.dimension, names = T.columns, html;
    if (d === 1) {
      html = '<table><tr><th>component</th><th>&pi;</th><th>&mu;</th><th>&sigma;&sup2;</th><th>&sigma;</th></tr>';
      for (var j = 0; j < it.weights.length; j++) {
        var v = it.covariances[j][0][0];
        html += '<tr><td><i class="swatch" style="background:' + color(j) + '"></i>' + (j + 1) + '</td><td>'
          + fmt(it.weights[j]) + '</td><td>' + fmt(it.means[j][0]) + '</td><td>' + fmt(v) + '</td><td>'
          + fmt(Math.sqrt(v)) + '</td></tr>';
      }
      return html + '</table>';
    }
    var a = T.axes[0], b = T.axes[1], pair = esc(names[a]) + ', ' + esc(names[b]);
    html = '<table><tr><th>component</th><th>&pi;</th><th>&mu; (' + pair + ')</th><th>&sigma; (' + pair
      + ')</th><th>&rho;</th></tr>';
    for (var m = 0; m < it.weights.length; m++) {
      var c = it.covariances[m], sa = Math.sqrt(c[a][a]), sb = Math.sqrt(c[b][b]);
      html += '<tr><td><i class="swatch" style="background:' + color(m) + '"></i>' + (m + 1) + '</td><td>'
        + fmt(it.weights[m]) + '</td><td>' + fmt(it.means[m][a]) + ', ' + fmt(it.means[m][b]) + '</td><td>'
        + fmt(sa) + ', ' + fmt(sb) + '</td><td>' + fmt(c[a][b] / (sa * sb)) + '</td></tr>';
    }
    html += '</table>';
    if (d > 2) {
      html += '<p class="note">d = ' + d + ': the view shows columns ' + esc(names[a]) + ' and ' + esc(names[b])
        + '; every mean and covariance is in window.emTrace.</p>';
    }
    return html;
  };

  gmm.subtitle = function () {
    var s = 'n = ' + T.n + ', d = ' + T.dimension + ', k = ' + T.components + ', ' + T.covarianceType
      + ' covariances, regCovar ' + (T.regCovar === 0 ? '0' : T.regCovar.toExponential(0)) + '. ' + T.stopNote + '.';
    if (T.subsample && T.subsample.shown < T.subsample.n) { s += ' Shown: ' + T.subsample.rule + '.'; }
    return s;
  };

  // ------------------------------------------------------------------ HMM view

  var hmm = {};

  hmm.frame = function (i) {
    return {post: T.iterations[i].posteriors};
  };

  hmm.setup = function () {
    el('strip').hidden = false;
    var values = T.data.map(function (p) { return p[0]; });
    hmm.yr = T.emission === 'categorical' ? [-0.5, Math.max.apply(null, values) + 0.5] : range(values, 0.08);
    var legend = '';
    for (var j = 0; j < T.states; j++) {
      legend += '<span><i class="swatch" style="background:' + color(j) + '"></i>state ' + (j + 1) + '</span>';
    }
    legend += '<span>top: observations coloured by posterior blend; middle: P(state | sequence) stacked;'
      + ' bottom strip: Viterbi path under the final parameters (iteration ' + T.viterbi.iteration + ')</span>';
    el('legend').innerHTML = legend;
  };

  hmm.draw = function (f) {
    var n = T.data.length;
    var canvas = el('plot');
    var c = prepare(canvas, 200);
    var xr = [-0.5, n - 0.5];
    var box = makeBox(c.w, c.h, 62, 16, 10, 40, xr, hmm.yr);
    var ctx = c.ctx;
    axes(ctx, box, xr, hmm.yr, 'step t of sequence ' + T.sequence.id,
      T.emission === 'categorical' ? 'symbol' : 'observation',
      {xInteger: true, yInteger: T.emission === 'categorical'});
    if (T.emission !== 'categorical') {
      ctx.beginPath();
      for (var t = 0; t < n; t++) {
        if (t === 0) { ctx.moveTo(box.sx(t), box.sy(T.data[t][0])); } else { ctx.lineTo(box.sx(t), box.sy(T.data[t][0])); }
      }
      ctx.strokeStyle = '#bbb'; ctx.lineWidth = 1; ctx.stroke();
    }
    var r = n <= 200 ? 3 : n <= 600 ? 2 : 1.4;
    for (var u = 0; u < n; u++) {
      ctx.beginPath(); ctx.arc(box.sx(u), box.sy(T.data[u][0]), r, 0, 2 * Math.PI);
      ctx.fillStyle = blend(f.post[u]); ctx.fill();
    }
    var s = prepare(el('strip'), 230);
    var sbox = makeBox(s.w, s.h, 62, 16, 8, 62, xr, [0, 1]);
    var sc = s.ctx, states = T.states;
    axes(sc, sbox, xr, [0, 1], null, 'P(state)', {xInteger: true});
    var below = new Array(n).fill(0);
    var dx = (sbox.x1 - sbox.x0) / n;
    for (var j = 0; j < states; j++) {
      sc.fillStyle = color(j);
      for (var v = 0; v < n; v++) {
        var p = f.post[v][j];
        var yTop = sbox.sy(below[v] + p), yBottom = sbox.sy(below[v]);
        sc.fillRect(sbox.x0 + v * dx, yTop, dx + 0.6, yBottom - yTop);
        below[v] += p;
      }
    }
    var vy = sbox.y1 + 26;
    sc.fillStyle = '#333'; sc.font = '11px system-ui, sans-serif'; sc.textAlign = 'right'; sc.textBaseline = 'middle';
    sc.fillText('Viterbi', sbox.x0 - 6, vy + 8);
    for (var w = 0; w < n; w++) {
      sc.fillStyle = color(T.viterbi.states[w]);
      sc.fillRect(sbox.x0 + w * dx, vy, dx + 0.6, 16);
    }
  };

  hmm.params = function (i) {
    var it = T.iterations[i], S = T.states, html = '<table><tr><th>state</th><th>start</th>';
    for (var to = 0; to < S; to++) { html += '<th>&rarr; ' + (to + 1) + '</th>'; }
    html += '</tr>';
    for (var s = 0; s < S; s++) {
      html += '<tr><td><i class="swatch" style="background:' + color(s) + '"></i>' + (s + 1) + '</td><td>'
        + fmt(it.startProb[s]) + '</td>';
      for (var t = 0; t < S; t++) { html += '<td>' + fmt(it.transitions[s][t]) + '</td>'; }
      html += '</tr>';
    }
    html += '</table>';
    var e = it.emissions;
    if (e.probs) {
      var m = e.probs[0].length, shown = Math.min(m, 10);
      html += '<table><tr><th>state</th>';
      for (var k = 0; k < shown; k++) { html += '<th>P(' + k + ')</th>'; }
      html += (m > shown ? '<th>&hellip;</th>' : '') + '</tr>';
      for (var a = 0; a < S; a++) {
        html += '<tr><td>' + (a + 1) + '</td>';
        for (var b = 0; b < shown; b++) { html += '<td>' + fmt(e.probs[a][b]) + '</td>'; }
        html += (m > shown ? '<td></td>' : '') + '</tr>';
      }
      html += '</table>';
    } else {
      html += '<table><tr><th>state</th><th>mean (col 1)</th><th>&sigma; (col 1)</th></tr>';
      for (var g = 0; g < S; g++) {
        html += '<tr><td>' + (g + 1) + '</td><td>' + fmt(e.means[g][0]) + '</td><td>'
          + fmt(Math.sqrt(e.covariances[g][0][0])) + '</td></tr>';
      }
      html += '</table>';
    }
    return html;
  };

  hmm.subtitle = function () {
    return T.sequenceCount + ' sequences, ' + T.totalLength + ' observations, ' + T.states + ' states, '
      + T.emission + ' emissions. ' + T.stopNote + '. Shown: sequence ' + T.sequence.id + ' (index '
      + T.sequence.index + '); ' + T.sequence.rule + '.';
  };

  // ------------------------------------------------------------------ log-likelihood chart

  var chart = {};

  function drawChart() {
    var canvas = el('llchart');
    var c = prepare(canvas, 190);
    var ll = T.iterations.map(function (it) { return it.logLikelihood; });
    var xr = [0, Math.max(1, LAST)];
    var yr = range(ll.filter(isFinite), 0.06);
    var box = makeBox(c.w, c.h, 70, 12, 10, 30, xr, yr);
    chart.box = box;
    var ctx = c.ctx;
    axes(ctx, box, xr, yr, null, null, {xInteger: true});
    ctx.fillStyle = '#555'; ctx.font = '11px system-ui, sans-serif'; ctx.textAlign = 'right'; ctx.textBaseline = 'bottom';
    ctx.fillText('iteration', box.x1, box.y1 + 28);
    T.warnings.forEach(function (w) {
      var x = box.sx(w.iteration);
      ctx.fillStyle = '#e67e22';
      ctx.beginPath(); ctx.moveTo(x, box.y0); ctx.lineTo(x - 5, box.y0 + 8); ctx.lineTo(x + 5, box.y0 + 8); ctx.fill();
    });
    ctx.strokeStyle = '#bbb'; ctx.setLineDash([3, 3]);
    ctx.beginPath(); ctx.moveTo(box.sx(current), box.y0); ctx.lineTo(box.sx(current), box.y1); ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ll.forEach(function (v, i) {
      if (i === 0) { ctx.moveTo(box.sx(i), box.sy(v)); } else { ctx.lineTo(box.sx(i), box.sy(v)); }
    });
    ctx.strokeStyle = '#34495e'; ctx.lineWidth = 1.5; ctx.stroke();
    if (LAST <= 120) {
      ctx.fillStyle = '#34495e';
      ll.forEach(function (v, i) { ctx.beginPath(); ctx.arc(box.sx(i), box.sy(v), 2, 0, 2 * Math.PI); ctx.fill(); });
    }
    ctx.beginPath(); ctx.arc(box.sx(current), box.sy(ll[current]), 5, 0, 2 * Math.PI);
    ctx.fillStyle = '#c0392b'; ctx.fill(); ctx.strokeStyle = '#fff'; ctx.lineWidth = 1.5; ctx.stroke();
  }

  // ------------------------------------------------------------------ state and controls

  var view = T.kind === 'hmm' ? hmm : gmm;

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  function showTexts() {
    el('iteration').textContent = String(current);
    el('loglik').textContent = String(T.iterations[current].logLikelihood);
    el('slider').value = String(current);
    el('params').innerHTML = view.params(current);
    var now = T.warnings.filter(function (w) { return w.iteration === current; });
    var banner = el('banner');
    banner.hidden = now.length === 0;
    banner.textContent = now.map(function (w) { return '\u26A0 ' + w.message; }).join('  ');
    var list = T.warnings.length === 0 ? '<li class="none">none</li>' : T.warnings.map(function (w) {
      return '<li class="' + (w.iteration === current ? 'now' : '') + '">' + esc(w.message) + '</li>';
    }).join('');
    el('warnings').innerHTML = list;
    drawChart();
  }

  function render() {
    if (animation) {
      var t = Math.min(1, (performance.now() - animation.start) / ANIMATION_MS);
      frame = lerp(animation.from, animation.to, ease(t));
      if (t >= 1) { frame = animation.to; animation = null; }
    }
    view.draw(frame);
    if (animation) { window.requestAnimationFrame(render); }
  }

  function frameOf(i) { return view.frame(i); }

  function go(i, animate) {
    i = Math.max(0, Math.min(LAST, i));
    var changed = i !== current;
    current = i;
    showTexts();
    var target = frameOf(i);
    if (animate && changed && frame) {
      var running = animation !== null;
      animation = {from: frame, to: target, start: performance.now()};
      if (!running) { window.requestAnimationFrame(render); }
    } else {
      animation = null;
      frame = target;
      render();
    }
  }

  function stop() {
    if (playTimer !== null) { window.clearInterval(playTimer); playTimer = null; }
    el('play').innerHTML = '&#x25B6; Play';
  }

  function play() {
    if (playTimer !== null) { stop(); return; }
    if (current >= LAST) { go(0, true); }
    el('play').innerHTML = '&#x275A;&#x275A; Pause';
    playTimer = window.setInterval(function () {
      if (current >= LAST) { stop(); return; }
      go(current + 1, true);
      if (current >= LAST) { stop(); }
    }, PLAY_STEP_MS);
  }

  function init() {
    el('last').textContent = String(LAST);
    el('slider').max = String(LAST);
    el('subtitle').textContent = view.subtitle();
    el('footer').textContent = 'Every number on this page was computed by emkit (em viz) and is in window.emTrace:'
      + ' iteration 0 is the start, iteration i the parameters after i EM iterations. Keys: \u2190 \u2192 step,'
      + ' Home / End, space plays.';
    view.setup();
    el('reset').addEventListener('click', function () { stop(); go(0, true); });
    el('prev').addEventListener('click', function () { stop(); go(current - 1, true); });
    el('next').addEventListener('click', function () { stop(); go(current + 1, true); });
    el('play').addEventListener('click', play);
    el('slider').addEventListener('input', function () { stop(); go(parseInt(el('slider').value, 10), true); });
    el('llchart').addEventListener('click', function (e) {
      if (!chart.box) { return; }
      var rect = el('llchart').getBoundingClientRect();
      var x = e.clientX - rect.left, b = chart.box;
      stop();
      go(Math.round((x - b.x0) / (b.x1 - b.x0) * Math.max(1, LAST)), true);
    });
    document.addEventListener('keydown', function (e) {
      var tag = e.target && e.target.tagName;
      if (tag === 'INPUT') { return; }
      if (e.key === 'ArrowRight') { stop(); go(current + 1, true); e.preventDefault(); }
      else if (e.key === 'ArrowLeft') { stop(); go(current - 1, true); e.preventDefault(); }
      else if (e.key === 'Home') { stop(); go(0, true); e.preventDefault(); }
      else if (e.key === 'End') { stop(); go(LAST, true); e.preventDefault(); }
      else if (e.key === ' ' && tag !== 'BUTTON') { play(); e.preventDefault(); }
    });
    window.addEventListener('resize', function () { drawChart(); view.draw(frame); });
    go(0, false);
    window.emReadyMs = performance.now();
    window.emReady = true;
  }

  init();
}());
