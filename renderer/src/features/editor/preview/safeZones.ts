/** The apps' overlay zones live in the model, where caption styles avoid them too (electron/model/safe-zones.ts). */
export { isTallZone, safeZones, type Zone } from '../../../../../electron/model/safe-zones';
