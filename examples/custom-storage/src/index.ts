/**
 * An example third-party storage adapter for Billfold: everything in one JSON file.
 * @module
 */
export { JsonFileStorage, openJsonFileStorage } from './json-file-storage';
