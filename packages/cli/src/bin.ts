#!/usr/bin/env node
import { main } from './main.js';
import { runProcess } from './process.js';

void runProcess(main);
