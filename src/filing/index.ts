// Public entry of the filing engine. Pure TypeScript: runs in Node, the task pane and a web worker.
export type * from "./types";
export { parseFiling } from "./parseFiling";
