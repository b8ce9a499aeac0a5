import type { HandlersFor } from './types.js';
import { createPerson, getPerson, listPeople, personNotFound, updatePerson } from '../db/repos/index.js';

export const peopleHandlers: HandlersFor<'people'> = {
  'people.list': ({ includeArchived }, { vault }) => listPeople(vault.database(), { includeArchived }),
  'people.get': ({ id }, { vault }) => {
    const person = getPerson(vault.database(), id);
    if (!person) throw personNotFound();
    return person;
  },
  'people.create': (input, { vault, ports }) => createPerson(vault.database(), input, ports.now()),
  'people.update': ({ id, patch }, { vault, ports }) => updatePerson(vault.database(), id, patch, ports.now()),
};
