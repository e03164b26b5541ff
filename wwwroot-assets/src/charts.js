// Creates, updates and destroys ApexCharts instances for the ApexChart component.
//
// Each chart is stored under the id that the component generates, so the registry size is the
// number of live charts. Tests read it through window.nuqtaCharts.count(). The component calls
// destroy(id) when it is disposed, and create() also destroys charts whose element has left the
// page without a destroy call, so the registry never outgrows the charts on the current page.

const libraryUrl = new URL("../lib/apexcharts/apexcharts.min.js", import.meta.url).href;

// id -> { element, options, chart, rendered }. chart is null while the library loads.
const charts = new Map();

let libraryLoad = null;

// Loads the UMD build once. Imported as a module, it finds no CommonJS or AMD loader and so
// assigns globalThis.ApexCharts. The module graph caches the import, and the promise is kept too.
function loadLibrary() {
    if (!libraryLoad) {
        libraryLoad = import(libraryUrl).then(() => {
            if (typeof globalThis.ApexCharts !== "function") {
                throw new Error(`${libraryUrl} loaded but did not define ApexCharts. Check that the build copied apexcharts.min.js.`);
            }
            return globalThis.ApexCharts;
        });
        // A failed load (for example a 404) is not cached, so the next chart retries it.
        libraryLoad.catch(() => { libraryLoad = null; });
    }
    return libraryLoad;
}

// Named formatters that .NET sets as "name:decimals" strings, because JSON cannot carry functions.
// number:2 -> 0.83, signed:2 -> +0.03, percent:1 -> 0.834 shown as 83.4%.
const formatterFactories = {
    number: (decimals) => (value) => formatNumber(value, (v) => toFixed(v, decimals)),
    signed: (decimals) => (value) => formatNumber(value, (v) => {
        const text = toFixed(v, decimals);
        return Number(text) > 0 ? "+" + text : text;
    }),
    percent: (decimals) => (value) => formatNumber(value, (v) => toFixed(v * 100, decimals) + "%"),
};

// Rounds like Number.toFixed but writes values that round to zero without a sign. Axis ticks such as
// -0.06 + 3 * 0.02 land just off zero and would otherwise read "-0.00" or, when signed, "+0.00".
function toFixed(value, decimals) {
    const text = value.toFixed(decimals);
    return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

// Formats one number, or each end of a [start, end] range, the form of rangeBar values.
// Values that are not finite numbers, such as undefined or null, pass through unchanged.
function formatNumber(value, format) {
    if (Array.isArray(value)) {
        return value.map((item) => formatNumber(item, format)).join(" – ");
    }
    return typeof value === "number" && Number.isFinite(value) ? format(value) : value;
}

function createFormatter(spec) {
    const match = /^([a-z]+):(\d{1,2})$/.exec(spec);
    const factory = match && Object.hasOwn(formatterFactories, match[1]) ? formatterFactories[match[1]] : null;
    if (!factory) {
        const names = Object.keys(formatterFactories).map((name) => `${name}:N`).join(", ");
        throw new Error(`Invalid chart formatter "${spec}". Use one of ${names}, where N is the number of decimals.`);
    }
    return factory(Number(match[2]));
}

// Replaces every string-valued "formatter" property, at any depth, with the named function.
function resolveFormatters(node) {
    if (Array.isArray(node)) {
        node.forEach(resolveFormatters);
    } else if (node !== null && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
            if (key === "formatter" && typeof value === "string") {
                node[key] = createFormatter(value);
            } else {
                resolveFormatters(value);
            }
        }
    }
    return node;
}

function parseOptions(optionsJson) {
    return resolveFormatters(JSON.parse(optionsJson));
}

function destroyEntry(entry) {
    if (!entry.chart) {
        return;
    }

    const chart = entry.chart;
    entry.chart = null;
    // Destroying waits for render() to settle, so that render() never draws into a torn-down chart.
    entry.rendered.catch(() => {}).then(() => chart.destroy());
}

function destroyDetachedCharts() {
    for (const [id, entry] of charts) {
        if (!entry.element.isConnected) {
            charts.delete(id);
            destroyEntry(entry);
        }
    }
}

/**
 * Draws a chart into element and stores it under id, replacing any chart with the same id.
 * optionsJson is ApexCharts options as a JSON string. Resolves when the chart is drawn, or at
 * once when destroy(id) came first while the library was loading.
 */
export async function create(element, id, optionsJson) {
    destroyDetachedCharts();
    destroy(id);

    const entry = { element, options: parseOptions(optionsJson), chart: null, rendered: null };
    charts.set(id, entry);

    const ApexCharts = await loadLibrary();
    if (charts.get(id) !== entry) {
        return;
    }

    // entry.options may have been replaced by update() while the library loaded.
    entry.chart = new ApexCharts(element, entry.options);
    entry.rendered = entry.chart.render();
    await entry.rendered;
}

/**
 * Replaces the options of chart id, series included. Does nothing when no chart has that id,
 * which happens after destroy(id).
 */
export async function update(id, optionsJson) {
    const entry = charts.get(id);
    if (!entry) {
        return;
    }

    entry.options = parseOptions(optionsJson);
    if (!entry.chart) {
        // The library is still loading, and create() draws with entry.options once it has.
        return;
    }

    const chart = entry.chart;
    await entry.rendered;
    if (entry.chart === chart) {
        await chart.updateOptions(entry.options);
    }
}

/** Destroys chart id and removes it from the registry. Unknown ids are ignored. */
export function destroy(id) {
    const entry = charts.get(id);
    if (!entry) {
        return;
    }

    charts.delete(id);
    destroyEntry(entry);
}

/** Returns the number of charts in the registry, including those whose library is still loading. */
export function count() {
    return charts.size;
}

globalThis.nuqtaCharts = Object.freeze({ count, ids: () => [...charts.keys()] });
