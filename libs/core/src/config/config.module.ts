import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, loadConfig } from './app-config';

/**
 * Makes the validated AppConfig injectable everywhere. The apps call `forRoot()`, which validates
 * process.env; tests pass a config of their own (their own database and Redis prefix).
 */
@Global()
@Module({})
export class HavenConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    const resolved = config ?? loadConfig();
    return {
      module: HavenConfigModule,
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true, load: [() => ({ ...resolved })] }),
      ],
      providers: [{ provide: AppConfig, useValue: resolved }],
      exports: [AppConfig],
    };
  }
}
