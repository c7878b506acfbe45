// DevOpsVision search client: searches the JSON index written by PostSearchIndex.ExportJson, with no
// dependencies, in a browser or in Node. Same analysis as the server (letters and digits, lower case,
// diacritics folded, Lucene's English stop words, Porter2 stemming) and the same BM25F ranking.
// Query: words (all must match, best first), word* for a prefix, -word to exclude.
// Usage: const search = DevOpsVisionSearch.load(json); search.search("kubernetes deploy*", 10)
//        -> [{ slug, title, date, excerpt, score }]
(function (root) {
  "use strict";

  var STOP = {};
  ("a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with")
    .split(" ").forEach(function (w) { STOP[w] = true; });

  function fold(word) {
    var s = word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    s = s.replace(/\u00df/g, "ss").replace(/\u00e6/g, "ae").replace(/\u0153/g, "oe").replace(/\u00fe/g, "th")
      .replace(/\u00f8/g, "o").replace(/\u0111/g, "d").replace(/\u0142/g, "l").replace(/\u0131/g, "i").replace(/\u2019/g, "'");
    return s.replace(/[^\p{L}\p{N}']/gu, "").slice(0, 64);
  }

  // ---- Porter2 (Snowball English), as in Porter2Stemmer.cs ----
  var EXC1 = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes" };
  var EXC2 = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };
  function isV(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }
  function afterVC(w, start) {
    var i = start;
    while (i < w.length && !isV(w[i])) i++;
    while (i < w.length && isV(w[i])) i++;
    return i < w.length ? i + 1 : w.length;
  }
  function shortSyl(w, end) {
    if (end >= 3) {
      var c = w[end - 1];
      return !isV(c) && c !== "w" && c !== "x" && c !== "Y" && isV(w[end - 2]) && !isV(w[end - 3]);
    }
    return end === 2 && isV(w[0]) && !isV(w[1]);
  }
  function hasV(s) { return /[aeiouy]/.test(s); }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  var STEP2 = [["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
    ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"], ["entli", "ent"], ["ation", "ate"], ["alism", "al"],
    ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"], ["fulli", "ful"], ["enci", "ence"], ["anci", "ance"],
    ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"], ["bli", "ble"], ["ogi", "og"], ["li", ""]];
  var STEP3 = [["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
    ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]];
  var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic"];

  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXC1, word)) return EXC1[word];
    if (word.length < 3) return word;
    var w = word[0] === "'" ? word.slice(1) : word;
    var chars = w.split(""), yFound = false;
    for (var i = 0; i < chars.length; i++) {
      if (chars[i] === "y" && (i === 0 || isV(chars[i - 1]))) { chars[i] = "Y"; yFound = true; }
    }
    w = chars.join("");
    var p1 = w.indexOf("gener") === 0 || w.indexOf("arsen") === 0 ? 5 : w.indexOf("commun") === 0 ? 6 : afterVC(w, 0);
    var p2 = afterVC(w, p1);
    // Step 0
    if (ends(w, "'s'")) w = w.slice(0, -3); else if (ends(w, "'s")) w = w.slice(0, -2); else if (ends(w, "'")) w = w.slice(0, -1);
    // Step 1a
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ied") || ends(w, "ies")) w = w.slice(0, -3) + (w.length - 3 > 1 ? "i" : "ie");
    else if (ends(w, "us") || ends(w, "ss")) { /* unchanged */ }
    else if (ends(w, "s") && w.length >= 3 && hasV(w.slice(0, -2))) w = w.slice(0, -1);
    if (!EXC2[w]) {
      // Step 1b
      var sfx = ["eedly", "ingly", "edly", "eed", "ing", "ed"], found = null;
      for (var k = 0; k < sfx.length; k++) { if (ends(w, sfx[k])) { found = sfx[k]; break; } }
      if (found === "eed" || found === "eedly") {
        if (w.length - found.length >= p1) w = w.slice(0, w.length - found.length) + "ee";
      } else if (found && hasV(w.slice(0, w.length - found.length))) {
        w = w.slice(0, w.length - found.length);
        var l = w[w.length - 1];
        if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
        else if (w.length >= 2 && l === w[w.length - 2] && "bdfgmnprt".indexOf(l) >= 0) w = w.slice(0, -1);
        else if (p1 === w.length && shortSyl(w, w.length)) w += "e";
      }
      // Step 1c
      if (w.length > 2 && (w[w.length - 1] === "y" || w[w.length - 1] === "Y") && !isV(w[w.length - 2])) w = w.slice(0, -1) + "i";
      // Step 2
      for (k = 0; k < STEP2.length; k++) {
        if (!ends(w, STEP2[k][0])) continue;
        var st = w.length - STEP2[k][0].length;
        if (st >= p1) {
          if (STEP2[k][0] === "ogi") { if (st > 0 && w[st - 1] === "l") w = w.slice(0, st) + "og"; }
          else if (STEP2[k][0] === "li") { if (st > 0 && "cdeghkmnrt".indexOf(w[st - 1]) >= 0) w = w.slice(0, st); }
          else w = w.slice(0, st) + STEP2[k][1];
        }
        break;
      }
      // Step 3
      for (k = 0; k < STEP3.length; k++) {
        if (!ends(w, STEP3[k][0])) continue;
        st = w.length - STEP3[k][0].length;
        if (st >= p1 && (STEP3[k][0] !== "ative" || st >= p2)) w = w.slice(0, st) + STEP3[k][1];
        break;
      }
      // Step 4
      for (k = 0; k < STEP4.length; k++) {
        if (!ends(w, STEP4[k])) continue;
        st = w.length - STEP4[k].length;
        if (st >= p2) {
          if (STEP4[k] !== "ion" || (st > 0 && (w[st - 1] === "s" || w[st - 1] === "t"))) w = w.slice(0, st);
        }
        break;
      }
      // Step 5
      if (w.length > 0) {
        st = w.length - 1;
        if (w[st] === "e") { if (st >= p2 || (st >= p1 && !shortSyl(w, st))) w = w.slice(0, st); }
        else if (w[st] === "l" && st >= p2 && st > 0 && w[st - 1] === "l") w = w.slice(0, st);
      }
    }
    return yFound ? w.replace(/Y/g, "y") : w;
  }

  function analyze(text) {
    var out = [], re = /[\p{L}\p{N}\p{M}]+(?:['\u2019][\p{L}\p{N}\p{M}]+)*/gu, m;
    while ((m = re.exec(text)) !== null) {
      var f = fold(m[0]);
      if (f.length === 0 || STOP[f]) continue;
      out.push(stem(f));
    }
    return out;
  }

  function load(index) {
    if (typeof index === "string") index = JSON.parse(index);
    if (index.format !== 1) throw new Error("Unsupported search index format " + index.format);
    var terms = Object.keys(index.terms).sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    var n = index.docs.length, F = index.fields.length;

    function df(term) {
      var p = index.terms[term], count = 0, i = 0;
      while (i < p.length) { var mask = p[i + 1]; i += 2; for (var f = 0; f < F; f++) if (mask & (1 << f)) i++; count++; }
      return count;
    }
    function idf(d) { return Math.log(1 + (n - d + 0.5) / (d + 0.5)); }
    function lower(term) { var lo = 0, hi = terms.length; while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < term) lo = mid + 1; else hi = mid; } return lo; }

    // Scores of every document holding one of the variants (max over variants, each with its weight).
    function scoreClause(variants) {
      var scores = {}, maxDf = 0;
      variants.forEach(function (v) { if (index.terms[v.term]) maxDf = Math.max(maxDf, df(v.term)); });
      if (maxDf === 0) return scores;
      var w = idf(maxDf);
      variants.forEach(function (v) {
        var p = index.terms[v.term];
        if (!p) return;
        var i = 0, doc = -1;
        while (i < p.length) {
          doc += p[i]; var mask = p[i + 1]; i += 2;
          var tf = 0;
          for (var f = 0; f < F; f++) {
            if (!(mask & (1 << f))) continue;
            var len = index.lengths[doc * F + f], avg = index.avg[f] || 1;
            tf += index.weights[f] * p[i++] / (1 - index.b + index.b * len / avg);
          }
          var s = v.weight * w * tf * (index.k1 + 1) / (index.k1 + tf);
          if (!(doc in scores) || s > scores[doc]) scores[doc] = s;
        }
      });
      return scores;
    }

    function variantsOf(word) {
      if (word.length > 1 && word[word.length - 1] === "*") {
        var prefix = fold(word.replace(/\*+$/, ""));
        if (prefix.length < 2) return null;
        var out = [];
        for (var i = lower(prefix); i < terms.length && terms[i].indexOf(prefix) === 0 && out.length < 50; i++) {
          out.push({ term: terms[i], weight: terms[i] === prefix ? 1 : 0.8 });
        }
        return out;
      }
      var analyzed = analyze(word);
      if (analyzed.length === 0) return null;
      return analyzed.map(function (t) { return { term: t, weight: 1 }; });
    }

    function search(query, limit) {
      limit = limit || 10;
      var words = String(query).split(/\s+/).filter(Boolean).slice(0, 32);
      var total = null, excluded = {}, required = 0;
      words.forEach(function (word) {
        var exclude = word[0] === "-" && word.length > 1;
        var variants = variantsOf(exclude ? word.slice(1) : word);
        if (!variants) return;
        if (exclude) {
          variants.forEach(function (v) { var s = scoreClause([v]); for (var d in s) excluded[d] = true; });
          return;
        }
        // A prefix is one clause of all its expansions; a word the analyzer splits ("node.js") needs all its parts.
        var clauses = word[word.length - 1] === "*" ? [variants] : variants.map(function (v) { return [v]; });
        clauses.forEach(function (clause) {
          var s = scoreClause(clause);
          required++;
          if (total === null) { total = s; return; }
          var next = {};
          for (var d in s) if (d in total) next[d] = total[d] + s[d];
          total = next;
        });
      });
      if (total === null) return [];
      var hits = [];
      for (var d in total) {
        if (excluded[d]) continue;
        var doc = index.docs[d];
        hits.push({ slug: doc[0], title: doc[1], date: doc[2], excerpt: doc[3], score: total[d] });
      }
      hits.sort(function (a, b) { return b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0); });
      return hits.slice(0, limit);
    }

    return { search: search, analyze: analyze, stem: stem, size: n };
  }

  var api = { load: load, stem: stem, analyze: analyze };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.DevOpsVisionSearch = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
