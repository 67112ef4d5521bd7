/**
 * Every translation, by language and namespace. English is the reference
 * shape; each Korean file `satisfies Messages<typeof en…>`, so a key missing
 * from Korean fails the type check.
 */
import enCommon from './en/common.js';
import enLab from './en/lab.js';
import enLandscape from './en/landscape.js';
import enLessons from './en/lessons.js';
import enLog from './en/log.js';
import enLook from './en/look.js';
import enPwa from './en/pwa.js';
import enRuns from './en/runs.js';
import enInspect from './en/inspect.js';
import enTimeline from './en/timeline.js';
import enDraw from './en/draw.js';
import enSearch from './en/search.js';
import enModel from './en/model.js';
import koCommon from './ko/common.js';
import koLab from './ko/lab.js';
import koLandscape from './ko/landscape.js';
import koLessons from './ko/lessons.js';
import koLog from './ko/log.js';
import koLook from './ko/look.js';
import koPwa from './ko/pwa.js';
import koRuns from './ko/runs.js';
import koInspect from './ko/inspect.js';
import koTimeline from './ko/timeline.js';
import koDraw from './ko/draw.js';
import koSearch from './ko/search.js';
import koModel from './ko/model.js';
import enOptim from './en/optim.js';
import koOptim from './ko/optim.js';
import enOutput from './en/output.js';
import koOutput from './ko/output.js';
import enClasses from './en/classes.js';
import koClasses from './ko/classes.js';
import enDiagram from './en/diagram.js';
import koDiagram from './ko/diagram.js';

export const resources = {
  en: {
    common: enCommon,
    lessons: enLessons,
    lab: enLab,
    log: enLog,
    runs: enRuns,
    pwa: enPwa,
    look: enLook,
    inspect: enInspect,
    landscape: enLandscape,
    timeline: enTimeline,
    draw: enDraw,
    search: enSearch,
    model: enModel,
    optim: enOptim,
    output: enOutput,
    classes: enClasses,
    diagram: enDiagram,
  },
  ko: {
    common: koCommon,
    lessons: koLessons,
    lab: koLab,
    log: koLog,
    runs: koRuns,
    pwa: koPwa,
    look: koLook,
    inspect: koInspect,
    landscape: koLandscape,
    timeline: koTimeline,
    draw: koDraw,
    search: koSearch,
    model: koModel,
    optim: koOptim,
    output: koOutput,
    classes: koClasses,
    diagram: koDiagram,
  },
} as const;

export type Language = keyof typeof resources;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['en'];
    returnNull: false;
  }
}
