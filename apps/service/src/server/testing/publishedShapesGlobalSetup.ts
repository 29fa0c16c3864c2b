import type { TestProject } from 'vitest/node';
import { generatePublishedShapes } from './generatePublishedShapes.ts';

/**
 * Vitest global setup of the node tests: the published SDK's shapes, generated from its
 * declarations once for the whole run (about a second) rather than in every test file.
 */
export default function setup(project: TestProject) {
  project.provide('publishedShapes', generatePublishedShapes());
}
