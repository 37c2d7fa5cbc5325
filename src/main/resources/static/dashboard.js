// scratchnet dashboard: plain browser JavaScript on the REST API, no framework and nothing fetched from elsewhere.
'use strict';

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const MAX_STREAMS = 3; // a browser opens about six connections per host; leave room for the other calls
const KEY_STORAGE = 'scratchnet.apiKey';

const state = {
    jobs: new Map(),      // id -> job as GET /jobs/{id} shows it, kept current by the event streams
    order: [],            // job ids, newest first
    selected: null,       // id of the job whose curves are shown
    streams: new Map(),   // id -> AbortController of its open event stream
    models: [],
    datasets: [],
};

const $ = (id) => document.getElementById(id);

document.addEventListener('DOMContentLoaded', () => {
    setUpApiKey();
    setUpJobForm();
    setUpPad();
    new ResizeObserver(() => drawCharts()).observe($('accuracy-chart'));
    loadDatasets();
    loadJobs();
    loadModels();
    setInterval(pollWhileActive, 3000);
});

// ---------------------------------------------------------------- API calls

function apiKey() {
    return sessionStorage.getItem(KEY_STORAGE) || '';
}

function authorised(headers = {}) {
    const key = apiKey();
    return key ? { ...headers, Authorization: 'Bearer ' + key } : headers;
}

/** fetch with the API key; resolves to the parsed body, rejects with an Error whose message is the problem's detail. */
async function api(path, options = {}) {
    const response = await fetch(path, { ...options, headers: authorised(options.headers) });
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
        throw new ApiError(response.status, body);
    }
    return body;
}

class ApiError extends Error {
    constructor(status, problem) {
        super(describeProblem(status, problem));
        this.status = status;
        this.problem = problem;
    }
}

function describeProblem(status, problem) {
    if (status === 401) {
        return 'The service needs an API key for this: enter it under "API key" at the top.';
    }
    if (!problem) {
        return 'The service answered ' + status + '.';
    }
    const fields = (problem.errors || [])
        .map((error) => error.field ? error.field + ': ' + (error.message || error.detail || 'rejected') : null)
        .filter(Boolean);
    const detail = problem.detail || problem.title || 'The service answered ' + status + '.';
    return fields.length && !fields.every((field) => detail.includes(field.split(':')[0]))
        ? detail + ' (' + fields.join('; ') + ')'
        : detail;
}

function announce(message) {
    $('global-message').textContent = message;
}

// ---------------------------------------------------------------- API key

function setUpApiKey() {
    const input = $('api-key');
    input.value = apiKey();
    showKeyState();
    $('api-key-form').addEventListener('submit', (event) => {
        event.preventDefault();
        sessionStorage.setItem(KEY_STORAGE, input.value.trim());
        showKeyState();
    });
    $('api-key-forget').addEventListener('click', () => {
        sessionStorage.removeItem(KEY_STORAGE);
        input.value = '';
        showKeyState();
    });
}

function showKeyState() {
    $('api-key-state').textContent = apiKey() ? 'A key is set for this tab.' : 'No key set.';
}

// ---------------------------------------------------------------- datasets and the job form

async function loadDatasets() {
    const select = $('dataset');
    try {
        state.datasets = await api('datasets');
        const chosen = select.value || 'mnist';
        select.replaceChildren(...state.datasets.map((dataset) => {
            const option = new Option(dataset.available ? dataset.name : dataset.name + ' (unavailable)',
                dataset.name, false, dataset.name === chosen);
            option.disabled = !dataset.available;
            return option;
        }));
        select.addEventListener('change', describeDataset);
        describeDataset();
    } catch (error) {
        $('job-form-message').textContent = 'Could not list the datasets: ' + error.message;
    }
}

function describeDataset() {
    const dataset = (state.datasets || []).find((known) => known.name === $('dataset').value);
    $('dataset-hint').textContent = dataset && dataset.trainSize
        ? dataset.trainSize.toLocaleString('en') + ' training, ' + (dataset.testSize || 0).toLocaleString('en')
            + ' test samples'
        : '';
}

function setUpJobForm() {
    $('job-form').addEventListener('submit', async (event) => {
        event.preventDefault();
        const message = $('job-form-message');
        const request = jobRequest();
        if (typeof request === 'string') {
            message.textContent = request;
            return;
        }
        const button = $('start-job');
        button.disabled = true;
        message.textContent = 'Starting…';
        try {
            const job = await api('jobs', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomKey() },
                body: JSON.stringify(request),
            });
            message.textContent = 'Started job ' + job.id + '.';
            rememberJob(job, true);
            selectJob(job.id);
        } catch (error) {
            message.textContent = error.message;
        } finally {
            button.disabled = false;
        }
    });
}

/** The POST /jobs body from the form, or a message naming the field that is wrong. */
function jobRequest() {
    const form = $('job-form');
    for (const input of form.querySelectorAll('input')) {
        if (!input.checkValidity()) {
            input.focus();
            return input.labels[0].textContent + ': ' + input.validationMessage;
        }
    }
    const value = (name) => form.elements[name].value.trim();
    const request = {
        dataset: value('dataset'),
        hiddenSizes: value('hiddenSizes').split(',').map((size) => Number(size.trim())),
        activation: value('activation'),
        optimizer: value('optimizer'),
        learningRate: Number(value('learningRate')),
        batchSize: Number(value('batchSize')),
        epochs: Number(value('epochs')),
    };
    if (value('trainLimit')) {
        request.trainLimit = Number(value('trainLimit'));
    }
    if (value('seed')) {
        request.seed = Number(value('seed'));
    }
    return request;
}

function randomKey() {
    if (window.crypto && crypto.randomUUID) {
        return crypto.randomUUID(); // only in secure contexts: localhost or https
    }
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
}

// ---------------------------------------------------------------- jobs

async function loadJobs() {
    try {
        const jobs = await api('jobs');
        state.order = jobs.map((job) => job.id);
        for (const job of jobs) {
            rememberJob(job, false);
        }
        for (const id of [...state.jobs.keys()]) {
            if (!state.order.includes(id)) {
                state.jobs.delete(id);
            }
        }
        if (!state.selected && state.order.length) {
            selectJob(state.order[0]);
        }
        renderJobs();
        openStreams();
    } catch (error) {
        $('jobs-empty').textContent = 'Could not list the jobs: ' + error.message;
    }
}

function pollWhileActive() {
    if ([...state.jobs.values()].some((job) => !ENDED.has(job.status))) {
        loadJobs();
    }
}

/** Keeps the newest view of a job; list entries may omit the epochs a full GET /jobs/{id} has. */
function rememberJob(job, isNew) {
    const known = state.jobs.get(job.id);
    const merged = known ? { ...known, ...job } : { ...job };
    if (known && (!job.epochs || job.epochs.length < (known.epochs || []).length)) {
        merged.epochs = known.epochs;
    }
    state.jobs.set(job.id, merged);
    if (isNew && !state.order.includes(job.id)) {
        state.order.unshift(job.id);
    }
    openStreams();
    scheduleRender(job.id === state.selected);
}

let renderPending = null;

/** Progress events can come many times a second; draw at most once per frame. */
function scheduleRender(selectedChanged) {
    if (renderPending) {
        renderPending.selected ||= selectedChanged;
        return;
    }
    renderPending = { selected: selectedChanged };
    requestAnimationFrame(() => {
        const { selected } = renderPending;
        renderPending = null;
        renderJobs();
        if (selected) {
            renderSelected();
        }
    });
}

function renderJobs() {
    const list = $('job-list');
    const focused = document.activeElement && document.activeElement.closest('.job');
    $('jobs-empty').hidden = state.order.length > 0;
    list.replaceChildren(...state.order.map((id) => jobItem(state.jobs.get(id))).filter(Boolean));
    if (focused) {
        // Keep keyboard focus on the same job although its row was redrawn.
        const again = list.querySelector('[data-job-id="' + CSS.escape(focused.dataset.jobId) + '"] button');
        if (again) {
            again.focus();
        }
    }
}

function jobItem(job) {
    if (!job) {
        return null;
    }
    const item = document.createElement('li');
    item.className = 'job';
    item.dataset.jobId = job.id;
    item.dataset.status = job.status;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'job-select';
    button.setAttribute('aria-pressed', String(job.id === state.selected));
    button.addEventListener('click', () => selectJob(job.id));
    const config = job.config || {};
    const title = document.createElement('span');
    title.className = 'job-title';
    title.textContent = (config.dataset || 'job') + ' ' + sizes(config) + ' ' + (config.activation || '');
    const status = document.createElement('span');
    status.className = 'status status-' + job.status.toLowerCase();
    status.textContent = job.status.toLowerCase();
    const percent = progressPercent(job);
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = percent;
    bar.setAttribute('aria-label', 'Progress of job ' + job.id);
    const figures = document.createElement('span');
    figures.className = 'job-figures';
    figures.textContent = job.id + ' · ' + progressText(job, percent);
    button.append(title, status, bar, figures);
    item.append(button);
    return item;
}

function sizes(config) {
    return config.hiddenSizes ? '[' + config.hiddenSizes.join(', ') + ']' : '';
}

function progressPercent(job) {
    if (job.status === 'SUCCEEDED') {
        return 100;
    }
    const progress = job.progress || {};
    if (progress.iterations) {
        return Math.min(100, 100 * (progress.iteration || 0) / progress.iterations);
    }
    return Math.min(100, progress.percent || 0);
}

function progressText(job, percent) {
    const progress = job.progress || {};
    const epochs = progress.epochs || (job.config || {}).epochs;
    const epoch = progress.epoch != null ? progress.epoch : (job.epochs || []).length;
    return (epochs ? 'epoch ' + epoch + '/' + epochs + ', ' : '') + Math.round(percent) + '%';
}

function selectJob(id) {
    state.selected = id;
    renderJobs();
    renderSelected();
    openStreams();
    api('jobs/' + encodeURIComponent(id)).then((job) => rememberJob(job, false)).catch(() => {});
}

function renderSelected() {
    const job = state.jobs.get(state.selected);
    const detail = $('job-detail');
    if (!job) {
        detail.replaceChildren(paragraph('Select a job to see its accuracy and loss per epoch.', 'empty'));
        drawCharts();
        return;
    }
    const config = job.config || {};
    const lines = [
        paragraph('Job ' + job.id + ': ' + job.status.toLowerCase() + ', ' + progressText(job, progressPercent(job)),
            'job-heading'),
        paragraph([config.dataset, sizes(config), config.activation, config.optimizer,
            config.learningRate != null ? 'learning rate ' + config.learningRate : null,
            config.batchSize != null ? 'batch ' + config.batchSize : null,
            config.trainLimit ? config.trainLimit + ' samples' : null,
            config.seed != null ? 'seed ' + config.seed : null].filter(Boolean).join(', '), 'hint'),
    ];
    if (job.modelId) {
        lines.push(paragraph('Saved as model ' + job.modelId + '.'));
    }
    if (job.error) {
        lines.push(paragraph('Failed: ' + (job.error.detail || job.error.message || job.error), 'error'));
    }
    const actions = document.createElement('div');
    actions.className = 'actions';
    if (!ENDED.has(job.status)) {
        actions.append(actionButton('Cancel job', () => changeJob(job.id, 'cancel', 'POST')));
    } else {
        actions.append(actionButton('Delete job', () => changeJob(job.id, '', 'DELETE')));
    }
    detail.replaceChildren(...lines, actions);
    detail.dataset.jobId = job.id;
    detail.dataset.status = job.status;
    drawCharts();
}

function paragraph(text, className) {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) {
        p.className = className;
    }
    return p;
}

function actionButton(text, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.addEventListener('click', onClick);
    return button;
}

async function changeJob(id, action, method) {
    try {
        const job = await api('jobs/' + encodeURIComponent(id) + (action ? '/' + action : ''), { method });
        if (method === 'DELETE') {
            state.jobs.delete(id);
            state.order = state.order.filter((other) => other !== id);
            state.selected = state.order[0] || null;
            renderJobs();
            renderSelected();
        } else if (job) {
            rememberJob(job, false);
        }
    } catch (error) {
        announce(error.message);
    }
}

// ---------------------------------------------------------------- live progress over Server-Sent Events

/** Streams the selected job and the running ones; EventSource cannot send the API key, so fetch reads the stream. */
function openStreams() {
    const wanted = state.order
        .map((id) => state.jobs.get(id))
        .filter((job) => job && !ENDED.has(job.status) && (job.id === state.selected || job.status === 'RUNNING'))
        .map((job) => job.id)
        .slice(0, MAX_STREAMS);
    for (const [id, controller] of state.streams) {
        if (!wanted.includes(id)) {
            controller.abort();
            state.streams.delete(id);
        }
    }
    for (const id of wanted) {
        if (!state.streams.has(id)) {
            stream(id);
        }
    }
}

async function stream(id) {
    const controller = new AbortController();
    state.streams.set(id, controller);
    try {
        const response = await fetch('jobs/' + encodeURIComponent(id) + '/events', {
            headers: authorised({ Accept: 'text/event-stream' }),
            signal: controller.signal,
        });
        if (response.ok && response.body) {
            await readEvents(response.body, (name, data) => onJobEvent(id, name, data));
        }
    } catch (error) {
        if (controller.signal.aborted) {
            return;
        }
    }
    if (state.streams.get(id) === controller) {
        state.streams.delete(id);
        // The stream ends with the job; fetch its final state, and reopen it if the job goes on.
        const job = await api('jobs/' + encodeURIComponent(id)).catch(() => null);
        if (job) {
            rememberJob(job, false);
            if (!ENDED.has(job.status)) {
                setTimeout(openStreams, 1000);
            }
        }
    }
}

/** Parses a text/event-stream body (the WHATWG format: "event:" and "data:" lines, a blank line ends an event). */
async function readEvents(body, onEvent) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let name = 'message';
    let data = [];
    for (;;) {
        const { value, done } = await reader.read();
        if (done) {
            return;
        }
        buffer += value;
        const lines = buffer.split(/\r\n|\r|\n/);
        buffer = lines.pop();
        for (const line of lines) {
            if (line === '') {
                if (data.length) {
                    onEvent(name, data.join('\n'));
                }
                name = 'message';
                data = [];
            } else if (line.startsWith('event:')) {
                name = line.slice(6).trim();
            } else if (line.startsWith('data:')) {
                data.push(line.slice(5).replace(/^ /, ''));
            }
        }
    }
}

function onJobEvent(id, name, text) {
    let data;
    try {
        data = JSON.parse(text);
    } catch (error) {
        data = { value: text };
    }
    const job = state.jobs.get(id) || { id, status: 'QUEUED' };
    if (name === 'progress') {
        job.progress = data.progress || data;
        if (job.status === 'QUEUED') {
            job.status = 'RUNNING';
        }
    } else if (name === 'epoch') {
        const entry = data.trainAccuracy !== undefined ? data : data.epoch || data;
        const known = (job.epochs || []).some((e) => e.epoch === entry.epoch);
        job.epochs = withEpoch(job.epochs || [], entry);
        if (!known && Number.isFinite(entry.testAccuracy)) {
            $('jobs-live').textContent = 'Job ' + id + ' finished epoch ' + entry.epoch + ': test accuracy '
                + format(entry.testAccuracy) + '.';
        }
    } else if (name === 'status') {
        job.status = data.status || data.value || job.status;
        if (data.modelId) {
            job.modelId = data.modelId;
        }
        $('jobs-live').textContent = 'Job ' + id + ' is ' + String(job.status).toLowerCase() + '.';
    }
    rememberJob(job, false);
    if (name === 'status' && ENDED.has(job.status)) {
        // The ended job's stream closes; its final figures and its model are fetched once.
        api('jobs/' + encodeURIComponent(id)).then((final) => rememberJob(final, false)).catch(() => {});
        loadModels();
    }
}

function withEpoch(epochs, entry) {
    if (!entry || entry.epoch === undefined || entry.trainAccuracy === undefined) {
        return epochs;
    }
    return [...epochs.filter((known) => known.epoch !== entry.epoch), entry].sort((a, b) => a.epoch - b.epoch);
}

// ---------------------------------------------------------------- curves (DLfS figure 4-12)

function drawCharts() {
    const job = state.jobs.get(state.selected);
    const epochs = (job && job.epochs) || [];
    const total = Math.max(epochs.length, (job && job.progress && job.progress.epochs)
        || (job && job.config && job.config.epochs) || 1);
    const accuracy = {
        figure: $('accuracy-chart'), canvas: $('accuracy-canvas'), yLabel: 'accuracy', yMax: 1, total, epochs,
        legendAtTop: false, // the book's figure 4-12 puts it lower right, under curves that rise
        series: [
            { name: 'train acc', value: (e) => e.trainAccuracy, dash: [], colour: '#1f77b4' },
            { name: 'test acc', value: (e) => e.testAccuracy, dash: [7, 5], colour: '#d95f02' },
        ],
    };
    const highestLoss = Math.max(0, ...epochs.flatMap((e) => [e.trainLoss, e.testLoss]).filter(Number.isFinite));
    const loss = {
        figure: $('loss-chart'), canvas: $('loss-canvas'), yLabel: 'loss', yMax: niceCeiling(highestLoss), total, epochs,
        legendAtTop: true,
        series: [
            { name: 'train loss', value: (e) => e.trainLoss, dash: [], colour: '#1f77b4' },
            { name: 'test loss', value: (e) => e.testLoss, dash: [7, 5], colour: '#d95f02' },
        ],
    };
    for (const chart of [accuracy, loss]) {
        drawChart(chart);
        chart.figure.dataset.epochs = String(epochs.length);
        chart.canvas.setAttribute('aria-label', describeChart(chart));
    }
    renderEpochTable(epochs);
}

function niceCeiling(value) {
    if (!(value > 0)) {
        return 1;
    }
    const step = Math.pow(10, Math.floor(Math.log10(value)));
    return Math.ceil(value / step * 2) / 2 * step;
}

function describeChart(chart) {
    const title = chart.yLabel === 'accuracy' ? 'Accuracy per epoch' : 'Loss per epoch';
    if (!chart.epochs.length) {
        return title + ': no epoch finished yet';
    }
    return title + ': ' + chart.epochs.map((e) => 'epoch ' + e.epoch + ' '
        + chart.series.map((s) => s.name + ' ' + format(s.value(e))).join(', ')).join('; ');
}

function drawChart({ canvas, yLabel, yMax, total, epochs, series, legendAtTop }) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 480;
    const height = canvas.clientHeight || 300;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const style = getComputedStyle(canvas);
    const ink = style.color || '#222';
    const grid = style.getPropertyValue('--grid').trim() || '#ddd';
    const font = '12px ' + (style.fontFamily || 'sans-serif');
    const box = { left: 48, right: width - 12, top: 12, bottom: height - 40 };
    const x = (epoch) => box.left + (box.right - box.left) * (epoch / total);
    const y = (value) => box.bottom - (box.bottom - box.top) * (Math.min(value, yMax) / yMax);

    g.font = font;
    g.lineWidth = 1;
    g.strokeStyle = grid;
    g.fillStyle = ink;
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let i = 0; i <= 5; i++) {
        const value = yMax * i / 5;
        g.beginPath();
        g.moveTo(box.left, y(value));
        g.lineTo(box.right, y(value));
        g.stroke();
        g.fillText(format(value, yMax >= 10 ? 0 : 1), box.left - 6, y(value));
    }
    g.textAlign = 'center';
    g.textBaseline = 'top';
    const step = Math.max(1, Math.ceil(total / Math.max(1, Math.floor((box.right - box.left) / 40))));
    for (let epoch = 0; epoch <= total; epoch += step) {
        g.fillText(String(epoch), x(epoch), box.bottom + 6);
    }
    g.fillText('epochs', (box.left + box.right) / 2, box.bottom + 22);
    g.save();
    g.translate(12, (box.top + box.bottom) / 2);
    g.rotate(-Math.PI / 2);
    g.textBaseline = 'middle';
    g.fillText(yLabel, 0, 0);
    g.restore();
    g.strokeStyle = ink;
    g.strokeRect(box.left, box.top, box.right - box.left, box.bottom - box.top);

    for (const line of series) {
        const points = epochs.filter((e) => Number.isFinite(line.value(e)));
        g.strokeStyle = line.colour;
        g.fillStyle = line.colour;
        g.lineWidth = 2;
        g.setLineDash(line.dash);
        g.beginPath();
        points.forEach((e, i) => (i ? g.lineTo : g.moveTo).call(g, x(e.epoch), y(line.value(e))));
        g.stroke();
        g.setLineDash([]);
        for (const e of points) {
            g.beginPath();
            g.arc(x(e.epoch), y(line.value(e)), 3, 0, 2 * Math.PI);
            g.fill();
        }
    }
    drawLegend(g, series, box, font, ink, legendAtTop);
}

function drawLegend(g, series, box, font, ink, atTop) {
    g.font = font;
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    const rowHeight = 18;
    const width = 112;
    const left = box.right - width - 8;
    const top = atTop ? box.top + 8 : box.bottom - rowHeight * series.length - 16;
    g.fillStyle = 'rgba(255, 255, 255, 0.85)';
    g.fillRect(left, top, width, rowHeight * series.length + 8);
    g.strokeStyle = '#999';
    g.lineWidth = 1;
    g.strokeRect(left, top, width, rowHeight * series.length + 8);
    series.forEach((line, i) => {
        const middle = top + 4 + rowHeight * i + rowHeight / 2;
        g.strokeStyle = line.colour;
        g.lineWidth = 2;
        g.setLineDash(line.dash);
        g.beginPath();
        g.moveTo(left + 8, middle);
        g.lineTo(left + 40, middle);
        g.stroke();
        g.setLineDash([]);
        g.fillStyle = '#222';
        g.fillText(line.name, left + 48, middle);
    });
    g.fillStyle = ink;
}

function renderEpochTable(epochs) {
    const body = $('epoch-table').tBodies[0];
    body.replaceChildren(...epochs.map((e) => {
        const row = document.createElement('tr');
        row.dataset.epoch = String(e.epoch);
        for (const value of [e.epoch, format(e.trainAccuracy), format(e.testAccuracy), format(e.trainLoss),
            format(e.testLoss), format(e.seconds, 1)]) {
            const cell = document.createElement('td');
            cell.textContent = value;
            row.append(cell);
        }
        return row;
    }));
}

function format(value, digits = 4) {
    return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

// ---------------------------------------------------------------- models

async function loadModels() {
    try {
        state.models = await api('models');
    } catch (error) {
        $('models-empty').textContent = 'Could not list the models: ' + error.message;
        return;
    }
    const table = $('model-table');
    $('models-empty').hidden = state.models.length > 0;
    table.hidden = state.models.length === 0;
    table.tBodies[0].replaceChildren(...state.models.map((model) => {
        const row = document.createElement('tr');
        row.dataset.modelId = model.id;
        const metrics = model.metrics || {};
        const layers = model.architecture && model.architecture.sizes
            ? model.architecture.sizes.join('–') + ' ' + (model.architecture.activation || '') : '';
        const name = document.createElement('td');
        name.append(model.id + (model.latest ? ' (latest)' : ''));
        if (model.createdAt) {
            const created = document.createElement('span');
            created.className = 'created';
            created.textContent = shortTime(model.createdAt);
            name.append(created);
        }
        row.append(name);
        for (const value of [model.dataset || '', layers, format(metrics.testAccuracy)]) {
            const cell = document.createElement('td');
            cell.textContent = value;
            row.append(cell);
        }
        return row;
    }));
    const select = $('predict-model');
    const chosen = select.value;
    select.replaceChildren(new Option('Latest', ''), ...state.models.map((model) =>
        new Option(model.id + ' (' + (model.dataset || '?') + ')', model.id, false, model.id === chosen)));
}

function shortTime(instant) {
    return new Date(instant).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

// ---------------------------------------------------------------- drawing pad and prediction

function setUpPad() {
    const pad = $('pad');
    const g = pad.getContext('2d');
    clearPad(g);
    let last = null;
    const point = (event) => {
        const rect = pad.getBoundingClientRect();
        return {
            x: (event.clientX - rect.left) * pad.width / rect.width,
            y: (event.clientY - rect.top) * pad.height / rect.height,
        };
    };
    pad.addEventListener('pointerdown', (event) => {
        pad.setPointerCapture(event.pointerId);
        last = point(event);
        stroke(g, last, last);
        event.preventDefault();
    });
    pad.addEventListener('pointermove', (event) => {
        if (last) {
            const next = point(event);
            stroke(g, last, next);
            last = next;
        }
    });
    const stop = () => { last = null; };
    pad.addEventListener('pointerup', stop);
    pad.addEventListener('pointercancel', stop);
    pad.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
            predictPad();
        } else if (event.key === 'Escape' || event.key === 'Delete') {
            clearPad(g);
        }
    });
    $('clear-button').addEventListener('click', () => clearPad(g));
    $('predict-button').addEventListener('click', predictPad);
    $('image-file').addEventListener('change', (event) => {
        const file = event.target.files[0];
        if (file) {
            predict(file, file.name);
        }
    });
}

function clearPad(g) {
    g.fillStyle = '#000';
    g.fillRect(0, 0, g.canvas.width, g.canvas.height);
    g.canvas.dataset.drawn = 'false';
    showPrediction(null);
}

/** A white stroke about as thick, relative to the pad, as MNIST's pen strokes are to their 28×28 box. */
function stroke(g, from, to) {
    g.strokeStyle = '#fff';
    g.lineWidth = 20;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.beginPath();
    g.moveTo(from.x, from.y);
    g.lineTo(to.x + 0.01, to.y);
    g.stroke();
    g.canvas.dataset.drawn = 'true';
}

function predictPad() {
    const pad = $('pad');
    if (pad.dataset.drawn !== 'true') {
        showPredictionMessage('Draw a digit on the pad first.');
        return;
    }
    pad.toBlob((png) => predict(png, 'digit.png'), 'image/png');
}

async function predict(image, filename) {
    const form = new FormData();
    form.append('image', image, filename);
    const model = $('predict-model').value;
    const button = $('predict-button');
    button.disabled = true;
    showPredictionMessage('Predicting…');
    try {
        const answer = await api('predict' + (model ? '?model=' + encodeURIComponent(model) : ''),
            { method: 'POST', body: form });
        showPrediction(answer);
    } catch (error) {
        showPredictionMessage(error.message);
    } finally {
        button.disabled = false;
    }
}

function showPredictionMessage(text) {
    const box = $('prediction');
    box.dataset.label = '';
    $('prediction-text').textContent = text;
    $('probabilities').replaceChildren();
}

function showPrediction(answer) {
    const box = $('prediction');
    const prediction = answer && answer.predictions && answer.predictions[0];
    if (!prediction) {
        showPredictionMessage('No prediction yet.');
        return;
    }
    const model = state.models.find((known) => known.id === answer.modelId);
    const classNames = prediction.classNames || (model && model.classNames) || [];
    const values = prediction.probabilities || prediction.outputs || [];
    const name = prediction.className != null && String(prediction.className) !== String(prediction.label)
        ? ' (' + prediction.className + ')' : '';
    box.dataset.label = String(prediction.label);
    box.dataset.modelId = answer.modelId || '';
    const strongest = values.length ? Math.max(...values) : 0;
    $('prediction-text').replaceChildren(
        'Predicted ', strong(String(prediction.label) + name),
        values.length && prediction.probabilities ? ' with probability ' + format(strongest, 3) : '',
        ' by model ' + answer.modelId + '.');
    $('probabilities').replaceChildren(...values.map((value, index) => bar(index, classNames[index], value,
        prediction.probabilities ? value : value / (strongest || 1), index === prediction.label)));
}

function strong(text) {
    const element = document.createElement('strong');
    element.className = 'predicted-label';
    element.textContent = text;
    return element;
}

function bar(index, className, value, share, chosen) {
    const item = document.createElement('li');
    item.className = 'bar' + (chosen ? ' chosen' : '');
    item.dataset.index = String(index);
    item.dataset.probability = String(value);
    const label = document.createElement('span');
    label.className = 'bar-label';
    label.textContent = className && className !== String(index) ? index + ' ' + className : String(index);
    const track = document.createElement('span');
    track.className = 'bar-track';
    const fill = document.createElement('span');
    fill.className = 'bar-fill';
    fill.style.width = (100 * Math.max(0, Math.min(1, share))).toFixed(1) + '%';
    track.append(fill);
    const figure = document.createElement('span');
    figure.className = 'bar-value';
    figure.textContent = format(value, 3);
    item.append(label, track, figure);
    return item;
}
