import { setFlagsFromString } from 'node:v8';

/**
 * V8 allocates the objects of an allocation site straight in the old generation once most of them
 * have survived a young collection. Under load, requests under way are always alive when the young
 * generation is collected, so sites of a request's short-lived objects were moved there for good:
 * the old generation filled with garbage (8 MB a young collection), young collections took 15–40 ms
 * instead of 2–7 and full ones came every 12 s (issue 14, measured with --trace-gc; bench/RESULTS.md).
 * `node` refuses this flag in NODE_OPTIONS, so the API sets it itself: imported first by main.ts,
 * before any other module is loaded.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
