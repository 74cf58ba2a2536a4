import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Actor, CurrentUser, Roles } from '@haven/core';
import { ReportsService } from '@haven/reports';
import { IdParam } from '../id-param';
import {
  PlatformReportSummaryDto,
  REPORT_ERRORS,
  ReportRangeQuery,
  ReportSummaryDto,
} from './dto/report.dto';

@ApiTags('reports')
@ApiBearerAuth()
@ApiBadRequestResponse(REPORT_ERRORS.badRange)
@ApiUnauthorizedResponse(REPORT_ERRORS.unauthenticated)
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('organizations/:id/reports/summary')
  @Roles('coordinator', 'admin')
  @ApiParam({ name: 'id', format: 'uuid', description: 'The organisation' })
  @ApiForbiddenResponse(REPORT_ERRORS.notCoordinatorOrAdmin)
  @ApiOperation({
    summary: 'An organisation’s report: needs, tasks, hours, volunteers, supplies, beneficiaries',
    description: 'Exact for its members; small-cell suppressed for admins, to whom the figures leave it.',
  })
  @ApiOkResponse({ type: ReportSummaryDto })
  @ApiNotFoundResponse(REPORT_ERRORS.notFound)
  summary(
    @CurrentUser() actor: Actor,
    @IdParam() id: string,
    @Query() query: ReportRangeQuery,
  ): Promise<ReportSummaryDto> {
    return this.reports.organizationSummary(actor, id, query);
  }

  @Get('organizations/:id/reports/hours.csv')
  @Roles('coordinator', 'admin')
  @ApiParam({ name: 'id', format: 'uuid', description: 'The organisation' })
  @ApiForbiddenResponse(REPORT_ERRORS.notCoordinatorOrAdmin)
  @ApiOperation({
    summary: 'An organisation’s attended hours as CSV, one row per attended sign-up',
    description:
      'UTF-8 with a byte-order mark, a header row (date, task, camp, volunteer, hours), RFC 4180 quoting; ' +
      'the date is the task’s start day in its camp’s time zone; ' +
      'text cells beginning with =, +, -, @, tab or carriage return are prefixed with an apostrophe.',
  })
  @ApiProduces('text/csv')
  // Names of people: no shared cache or browser history should keep a copy.
  @Header('Cache-Control', 'private, no-store')
  @ApiOkResponse({
    description: 'The CSV file, streamed',
    content: { 'text/csv': { schema: { type: 'string' } } },
    headers: {
      'Cache-Control': { description: 'private, no-store', schema: { type: 'string' } },
      'Content-Disposition': {
        description: 'attachment; filename="haven-hours-FROM-to-TO.csv"',
        schema: { type: 'string' },
      },
    },
  })
  @ApiNotFoundResponse(REPORT_ERRORS.notFound)
  async hours(
    @CurrentUser() actor: Actor,
    @IdParam() id: string,
    @Query() query: ReportRangeQuery,
  ): Promise<StreamableFile> {
    const file = await this.reports.hoursFile(actor, id, query);
    return new StreamableFile(file.stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Get('admin/reports/summary')
  @Roles('admin')
  @ApiForbiddenResponse(REPORT_ERRORS.notAdmin)
  @ApiOperation({
    summary: 'The platform’s report across organisations, with each organisation’s figures',
    description: 'Every people count is small-cell suppressed, with secondary suppression of totals.',
  })
  @ApiOkResponse({ type: PlatformReportSummaryDto })
  platform(@Query() query: ReportRangeQuery): Promise<PlatformReportSummaryDto> {
    return this.reports.platformSummary(query);
  }
}
