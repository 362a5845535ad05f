/** Worker thread of `readingroom audit verify`: summarizes the pages it is sent, in order (recordPageTask.ts). */
import { parentPort } from 'node:worker_threads';
import { summarizePageTask, type PageTask } from './recordPageTask.js';

const port = parentPort!;
port.on('message', (task: PageTask) => port.postMessage(summarizePageTask(task)));
