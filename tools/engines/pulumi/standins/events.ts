// What the stand-in providers tell `check` beside the engine: one JSON line per event in the file
// CLOUD_RUN_BINAUTHZ_STANDIN_EVENTS names (check sets it for its own runs; unset, nothing is written).
// Today the one event is a multi-language component constructed with no children, whose contents
// the policies therefore never saw.
import * as fs from "node:fs";

/** The variable that names the events file. */
export const STANDIN_EVENTS_VAR = "CLOUD_RUN_BINAUTHZ_STANDIN_EVENTS";

/** A multi-language component the stand-in built empty. */
export interface ComponentEvent {
    kind: "component";
    type: string;
    name: string;
    urn: string;
}

export type StandinEvent = ComponentEvent;

/** Appends one event (a single write of one line, so concurrent plugins do not interleave). */
export function appendStandinEvent(event: StandinEvent, file = process.env[STANDIN_EVENTS_VAR]): void {
    if (!file) return;
    fs.appendFileSync(file, `${JSON.stringify(event)}\n`);
}

/** The events in `file` (none if it does not exist); lines that are not events are skipped. */
export function readStandinEvents(file: string): StandinEvent[] {
    if (!fs.existsSync(file)) return [];
    const out: StandinEvent[] = [];
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        if (!line.trim()) continue;
        try {
            const e = JSON.parse(line) as Partial<StandinEvent>;
            if (e.kind === "component" && typeof e.type === "string" && typeof e.name === "string" && typeof e.urn === "string")
                out.push(e as StandinEvent);
        } catch {
            // a line cut short by a killed plugin
        }
    }
    return out;
}
