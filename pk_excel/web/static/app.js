/* pk-excel web page: choose files, upload with progress, follow the check, show the results.
   Plain JavaScript, no libraries, nothing from the internet. Text from files is only ever set with
   textContent; result HTML comes from the server's own (escaping) template. */
(function () {
  "use strict";
  var T = JSON.parse(document.getElementById("texts").textContent);
  var lang = document.body.getAttribute("data-lang") || "id";
  var SUPPORTED = /\.(xlsx|xlsm|xls|ods|zip)$/i;
  var form = document.getElementById("upload-form");
  var drop = document.getElementById("drop");
  var filesInput = document.getElementById("files");
  var folderInput = document.getElementById("folder");
  var chosenList = document.getElementById("chosen");
  var uploadError = document.getElementById("upload-error");
  var stepUpload = document.getElementById("step-upload");
  var stepProgress = document.getElementById("step-progress");
  var stepResults = document.getElementById("step-results");
  var bar = document.getElementById("bar");
  var barFill = document.getElementById("bar-fill");
  var progressText = document.getElementById("progress-text");
  var progressSub = document.getElementById("progress-sub");
  var results = document.getElementById("results");
  var chosen = []; // [{file, name}]
  var jobId = null;
  var keepOnLeave = false;

  function fmt(s, values) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function show(el, on) { el.hidden = !on; }
  function setBar(pct) {
    pct = Math.max(0, Math.min(100, Math.round(pct)));
    barFill.style.width = pct + "%";
    bar.setAttribute("aria-valuenow", String(pct));
  }
  function fail(message) {
    show(stepProgress, false);
    show(stepUpload, true);
    uploadError.textContent = message;
    show(uploadError, true);
  }

  function addFiles(list, fromFolder) {
    for (var i = 0; i < list.length; i++) {
      var f = list[i];
      var name = (fromFolder && f.webkitRelativePath) ? f.webkitRelativePath : f.name;
      if (fromFolder && !SUPPORTED.test(f.name)) continue;
      if (fromFolder && /(^|\/)[.~]/.test(name)) continue;
      chosen.push({ file: f, name: name });
    }
    renderChosen();
  }
  function renderChosen() {
    chosenList.textContent = "";
    show(uploadError, false);
    if (!chosen.length) return;
    var head = document.createElement("li");
    head.className = "chosen-head";
    head.textContent = fmt(T.chosen, { n: chosen.length });
    chosenList.appendChild(head);
    chosen.slice(0, 12).forEach(function (c) {
      var li = document.createElement("li");
      li.textContent = c.name;
      chosenList.appendChild(li);
    });
    if (chosen.length > 12) {
      var more = document.createElement("li");
      more.textContent = "… +" + (chosen.length - 12);
      chosenList.appendChild(more);
    }
  }

  filesInput.addEventListener("change", function () { chosen = []; addFiles(filesInput.files, false); });
  folderInput.addEventListener("change", function () { chosen = []; addFiles(folderInput.files, true); });
  ["dragenter", "dragover"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) { chosen = []; addFiles(e.dataTransfer.files, false); }
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!chosen.length) { fail(T.nothing); return; }
    var maxMb = Number(document.body.getAttribute("data-max-upload-mb")) || 200;
    var size = chosen.reduce(function (sum, c) { return sum + c.file.size; }, 0);
    if (size > maxMb * 1024 * 1024) { fail(fmt(T.error_too_big, { mb: maxMb })); return; }
    var data = new FormData();
    chosen.forEach(function (c) { data.append("files", c.file, c.name); });
    show(uploadError, false);
    show(stepUpload, false);
    show(stepResults, false);
    show(stepProgress, true);
    setBar(0);
    progressText.textContent = fmt(T.uploading, { pct: 0 });
    progressSub.textContent = "";
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/check?lang=" + lang);
    xhr.upload.addEventListener("progress", function (ev) {
      if (ev.lengthComputable) {
        var pct = ev.loaded / ev.total * 100;
        setBar(pct * 0.3);
        progressText.textContent = fmt(T.uploading, { pct: Math.round(pct) });
      }
    });
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
      if (xhr.status !== 202) { fail(body.message || T.error_form); return; }
      jobId = body.id;
      try { sessionStorage.setItem("pk_job", jobId); } catch (err) { /* private mode */ }
      poll();
    };
    xhr.onerror = function () { fail(T.network); };
    xhr.send(data);
  });

  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(jobId), { cache: "no-store" }).then(function (r) {
      if (r.status === 404) { throw new Error("gone"); }
      return r.json();
    }).then(function (p) {
      if (p.state === "queued") {
        progressText.textContent = T.queued;
        setTimeout(poll, 400);
        return;
      }
      var total = p.total || 1;
      setBar(30 + 70 * p.done / total);
      progressText.textContent = fmt(T.checking, { done: p.done, total: p.total });
      progressSub.textContent = (p.current ? fmt(T.checking_now, { name: p.current }) + " · " : "") +
        fmt(T.found_so_far, { e: p.errors, w: p.warnings, x: p.failed });
      if (p.state === "done") { loadResults(); return; }
      if (p.state === "failed") { fail(T.failed_job); return; }
      setTimeout(poll, 400);
    }).catch(function (err) {
      if (err && err.message === "gone") { forgetJob(); fail(T.expired); } else { fail(T.network); }
    });
  }

  function loadResults() {
    fetch("/jobs/" + encodeURIComponent(jobId) + "/results?lang=" + lang, { cache: "no-store" })
      .then(function (r) {
        if (!r.ok) { throw new Error("gone"); }
        return r.text();
      })
      .then(function (html) {
        results.innerHTML = html; // the server's template, every value escaped there
        setBar(100);
        show(stepProgress, false);
        show(stepUpload, false);
        show(stepResults, true);
        stepResults.scrollIntoView({ behavior: "smooth", block: "start" });
      })
      .catch(function () { forgetJob(); show(stepResults, false); show(stepUpload, true); });
  }

  function forgetJob() {
    jobId = null;
    try { sessionStorage.removeItem("pk_job"); } catch (err) { /* private mode */ }
  }
  function deleteJob() {
    if (!jobId) return;
    var id = jobId;
    forgetJob();
    fetch("/api/jobs/" + encodeURIComponent(id), { method: "DELETE" }).catch(function () {});
  }
  function reset() {
    chosen = [];
    filesInput.value = "";
    folderInput.value = "";
    renderChosen();
    results.textContent = "";
    show(stepResults, false);
    show(stepProgress, false);
    show(stepUpload, true);
  }
  document.getElementById("again").addEventListener("click", function () { deleteJob(); reset(); });
  document.getElementById("forget").addEventListener("click", function () { deleteJob(); reset(); });

  // Switching the language keeps the results (the page asks for them again in the other language);
  // leaving the page otherwise deletes the files.
  document.getElementById("lang-switch").addEventListener("click", function () { keepOnLeave = true; });
  window.addEventListener("pagehide", function () {
    if (jobId && !keepOnLeave && navigator.sendBeacon) {
      navigator.sendBeacon("/api/jobs/" + encodeURIComponent(jobId) + "/delete");
      forgetJob();
    }
  });

  try { jobId = sessionStorage.getItem("pk_job"); } catch (err) { jobId = null; }
  if (jobId) {
    show(stepUpload, false);
    show(stepProgress, true);
    poll();
  }
}());
